"""Commands for a shared PostgreSQL server, run by IT with the owner login:

    server init --url OWNER_URL
    server add-user --url OWNER_URL --login NAME (--unit UNIT | --office) --password-stdin
    server list-users --url OWNER_URL
"""

from __future__ import annotations

import argparse
import sys

from gwr_desktop.services.database import DatabaseError, resolve_url
from gwr_desktop.services.server_admin import ServerAdminError

URL_HELP = "所有者登录的 PostgreSQL 地址，如 postgresql+psycopg://gwr_owner@服务器:5432/gwr（默认：--db 或 GWR_DB）"


def register(subparsers: argparse._SubParsersAction) -> None:
    server = subparsers.add_parser("server", help="共享 PostgreSQL 服务器的设置（由信息中心用所有者登录运行）")
    actions = server.add_subparsers(dest="server_command", metavar="操作", required=True)

    parser = actions.add_parser("init", help="建立或升级数据库结构、各单位的行级权限和角色（可重复运行）")
    parser.add_argument("--url", help=URL_HELP)
    parser.set_defaults(handler=run_init)

    parser = actions.add_parser("add-user", help="为一个单位（或督查室）建立登录，并给出其程序使用的地址")
    parser.add_argument("--url", help=URL_HELP)
    parser.add_argument("--login", required=True, help="登录名：小写英文字母、数字、下划线，如 shangwu")
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--unit", help="这个登录所属的单位（可用简称）")
    who.add_argument("--office", action="store_true", help="督查室：可查看所有单位，不能修改")
    parser.add_argument("--password-stdin", action="store_true",
                        help="从标准输入读取密码（一行），例如 echo 密码 | … --password-stdin")
    parser.set_defaults(handler=run_add_user)

    parser = actions.add_parser("list-users", help="列出服务器上的单位登录和督查室登录")
    parser.add_argument("--url", help=URL_HELP)
    parser.set_defaults(handler=run_list_users)


def _owner_url(args: argparse.Namespace) -> str:
    return resolve_url(args.url or args.db)


def _run(action):  # noqa: ANN001, ANN202 - a callable returning the exit status
    from gwr_desktop.cli import CommandError
    from gwr_desktop.cli.common import database_message

    try:
        return action()
    except ServerAdminError as error:
        raise CommandError(str(error)) from error
    except DatabaseError as error:
        raise CommandError(database_message(error)) from error


def run_init(args: argparse.Namespace) -> int:
    from gwr_desktop.services.server_admin import init_server

    report = _run(lambda: init_server(_owner_url(args)))
    print(f"服务器已就绪：{len(report.protected)} 张单位数据表启用了行级权限（{'、'.join(report.protected)}）。")
    print(f"单位登录的角色组：{report.units_role}；督查室的角色组：{report.office_role}。")
    if report.imported:
        print(f"服务器上原来没有方案，已导入内置方案 {report.imported}。")
    print(f"方案数：{report.plans}。下一步：server add-user 为各单位建立登录。")
    return 0


def run_add_user(args: argparse.Namespace) -> int:
    from gwr_desktop.services.server_admin import add_user

    password = _password(args)
    url = _run(lambda: add_user(_owner_url(args), args.login, password, unit=args.unit, office=args.office))
    who = "督查室" if args.office else args.unit
    print(f"已为{who}建立登录 {args.login}。该单位的程序使用这个地址（密码在程序启动时输入，可保存在系统凭据管理器）：")
    print(url)
    return 0


def _password(args: argparse.Namespace) -> str:
    from gwr_desktop.cli import CommandError

    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CommandError("请用 --password-stdin 从标准输入提供密码（密码不写在命令行上，以免留在历史记录中）。")
    import getpass

    first = getpass.getpass("新登录的密码：")
    if getpass.getpass("再输入一次：") != first:
        raise CommandError("两次输入的密码不一致，没有建立登录。")
    return first


def run_list_users(args: argparse.Namespace) -> int:
    from gwr_desktop.services.server_admin import list_users

    found = _run(lambda: list_users(_owner_url(args)))
    if not found:
        print("服务器上还没有单位登录（用 server add-user 建立）。")
        return 0
    for login in found:
        who = "督查室（只读）" if login.office else login.unit
        state = "" if login.can_login else "（角色已停用或不存在）"
        print(f"{login.name}\t{who}{state}")
    return 0
