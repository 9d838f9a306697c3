"""The 督查室 workspace: import the returned files, the 台账, the reports item by item, the exports."""
