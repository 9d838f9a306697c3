"""Services: each user action owns one session, returns plain snapshots and announces one change."""
