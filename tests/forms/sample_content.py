"""Realistic 市商务局 content for screenshots and UI tests (written for this project, not real data)."""

from __future__ import annotations

from dataclasses import replace

from gwr_desktop.domain.forms import Person, ProgressStatus, WorkEntry
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_edits import item as item_row

PLAN, UNIT = "2023", "市商务局"

WORK = {
    "二-1": ("张志强", "消费促进处", [
        ("制定《武汉市加快建设国际消费中心城市三年行动方案》，报市政府审定后印发实施", "3月"),
        ("培育夜间经济、首店经济等新业态新场景，打造“夜江城”消费品牌", "4-9月"),
        ("开展国际消费中心城市建设年度评估，形成评估报告", "12月")]),
    "二-2": ("张志强", "消费促进处", [
        ("组织“乐购武汉”“惠购湖北”等主题消费活动不少于50场\n统筹发放消费券，撬动批零住餐消费", "全年"),
        ("落实新能源汽车、绿色家电消费补贴政策", "3-10月")]),
    "二-4": ("李红梅", "电子商务处", [
        ("认定汉口北、汉正街等10个直播电商集聚区，出台扶持措施", "3-6月"),
        ("组织农村电商进万家活动，带动农产品网络销售", "全年")]),
    "二-5": ("李红梅", "商贸服务业处", [
        ("摸排全市便利店网点布局，制定品牌连锁便利店年度发展计划", "2月"),
        ("新增品牌连锁便利店100家、智慧商店500家", "4-6月"),
        ("全年新增品牌连锁便利店200家、智慧商店1000家，组织验收", "7-12月")]),
    "二-12": ("王建国", "综合处", [("按月调度社会消费品零售总额运行情况，确保全年增长10%", "全年")]),
    "二-172": ("陈立新", "对外贸易处", [
        ("实施外贸主体培育行动，引进龙头外经贸企业30家", "全年"),
        ("新增进出口实绩企业300家，一季度完成80家", "1-3月")]),
}

PROGRESS_Q1 = {
    "二-1": ("《三年行动方案》已于3月28日经市政府常务会议审议通过并印发。", ProgressStatus.ON_TRACK, ""),
    "二-2": ("一季度组织主题消费活动18场，发放消费券1.2亿元，带动消费约15亿元。", ProgressStatus.ON_TRACK, ""),
    "二-4": ("已完成直播电商集聚区申报工作，收到申报材料14份，正在组织评审。", ProgressStatus.ON_TRACK, "0个"),
    "二-5": ("已新增品牌连锁便利店62家、智慧商店230家。", ProgressStatus.ON_TRACK, "62家"),
    "二-12": ("1-2月全市社会消费品零售总额同比增长8.6%，低于年度目标。", ProgressStatus.BEHIND, "8.6%"),
}

PEOPLE = (("leader", "张志强", "副局长", "027-85771001", "13907161001"),
          ("office", "周丽", "办公室主任", "027-85771010", "13807162010"),
          ("handler", "陈静", "办公室一级主任科员", "027-85771012", "15927001234"),
          ("handler", "吴昊", "综合处四级主任科员", "85771035转8012", "18971005678"))


def person(role: str, name: str = "", title: str = "", office_phone: str = "", mobile: str = "") -> Person:
    return Person(role, {"name": name, "title": title, "office_phone": office_phone, "mobile": mobile})


def fill_sample(db: Database) -> None:
    plan = fc.load_content(db, PLAN, UNIT, FormKind.PLAN)
    fc.replace_content(db, replace(plan, header={"principal": "刘明远"}, items=tuple(
        replace(item, values={"leader": WORK[item.key][0], "department": WORK[item.key][1]},
                entries=tuple(WorkEntry({"content": text, "period": period}) for text, period in WORK[item.key][2]))
        for item in plan.items if item.key in WORK)))
    contacts = fc.load_content(db, PLAN, UNIT, FormKind.CONTACTS)
    fc.replace_content(db, replace(contacts, people=tuple(person(*p) for p in PEOPLE)))
    q1 = fc.load_content(db, PLAN, UNIT, FormKind.PROGRESS, 1)
    fc.replace_content(db, replace(q1, header={"principal": ""}, items=tuple(
        replace(item, values={"progress": PROGRESS_Q1[item.key][0], "status": PROGRESS_Q1[item.key][1].value,
                              "figure": PROGRESS_Q1[item.key][2]})
        for item in q1.items if item.key in PROGRESS_Q1)))
    text = "已新增品牌连锁便利店136家、智慧商店610家，完成年度目标的68%。"
    fc.set_value(db, PLAN, UNIT, FormKind.PROGRESS, item_row("二-5"), "progress", text, quarter=2)
    fc.set_value(db, PLAN, UNIT, FormKind.PROGRESS, item_row("二-5"), "figure", "136家", quarter=2)

