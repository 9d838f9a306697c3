"""文件 → 导入方案…: read a plan off the UI thread, review it before anything is written, then store it.

menu.py is all the window imports at start-up; the rest (and with it the parser) loads on first use.
"""
