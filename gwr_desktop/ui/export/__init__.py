"""Export, print and sign-off windows: print preview and printing, the sign-off dialog, the version history."""
