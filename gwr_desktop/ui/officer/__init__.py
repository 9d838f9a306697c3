"""The liaison officer's day in the window (issue 16): content in (paste, import), hand-over (报送), state
messages, defaults, help, backups that follow the work, and last year's similar items (issue 9 #7)."""
