"""gwr_desktop: the liaison officer's tool for a city's 《政府工作报告》 task-responsibility plan."""

__version__ = "0.1.0"
APP_NAME = "gwr_desktop"
APP_TITLE = "政府工作报告任务办理"
