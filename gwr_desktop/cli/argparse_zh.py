"""argparse's own messages in Chinese (`--quarter 5` said "invalid choice" in English).

argparse looks each of its messages up through the module-level names `_` and `ngettext` (gettext's), at the
moment it needs them; install() points those names at this catalogue. A message not listed here stays as
argparse wrote it, so a new Python release can only fall back to English, never break; tests check that
every entry is still a message the running argparse uses.
"""

from __future__ import annotations

import argparse

MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示此帮助信息并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的取值 %(value)r（可选：%(choices)s）",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "无效的取值 %(value)r，是否想输入 %(closest)r？（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的取值 %(value)r（应为%(type)s）",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须指定一个",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令 %(parser_name)r（可用命令：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}
PLURALS = {("expected %s argument", "expected %s arguments"): "需要 %s 个值"}
TYPE_NAMES = {"int": "整数", "float": "数字", "Path": "路径", "str": "文字"}


class _Message(str):
    """A translated template that also names argparse's value types in Chinese when it is filled in."""

    def __mod__(self, values: object) -> str:
        if isinstance(values, dict) and "type" in values:
            values = {**values, "type": TYPE_NAMES.get(str(values["type"]), values["type"])}
        return str.__mod__(self, values)


def translate(message: str) -> str:
    return _Message(MESSAGES[message]) if message in MESSAGES else message


def translate_plural(singular: str, plural: str, count: int) -> str:
    chinese = PLURALS.get((singular, plural))
    if chinese is not None:
        return chinese
    return singular if count == 1 else plural


def install() -> None:
    """Make argparse speak Chinese from now on (idempotent)."""
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = translate_plural  # type: ignore[attr-defined]
