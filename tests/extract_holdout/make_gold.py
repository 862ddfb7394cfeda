#!/usr/bin/env python3
"""Writes gold-holdout.jsonl: the facts a reader finds in corpus/*.txt by GUIDE.md's rules.

The texts are written in the style of real reports (national reports 2008-2025 and local ones)
to check that the extractor generalizes beyond the dev gold. Conventions beyond GUIDE.md:
  - a level stated as 超过/突破/近/多 X is reported as X (超过126万亿元 -> 126e12);
  - the end level of a five-year comparison (从54万亿元增加到82.7万亿元) is the review year's;
  - a bound stated about the review year (调查失业率在5.3%以下, 保持在1.3万亿斤以上,
    控制在4%以内) and 全国财政收入/公共财政收入 (GUIDE names neither) are left ambiguous.
Run: python3 make_gold.py > gold-holdout.jsonl
"""
import json

Y, B, W, T = 1e8, 1e12, 1e4, 1e12  # 亿, 万亿, 万


def meta(name, code, level, rep, rev, date, speaker, title, doc="government_work_report",
         parent="", province=""):
    return {"region": {"name": name, "code": code, "level": level, "parent": parent,
                       "province": province},
            "report_year": rep, "review_year": rev, "meeting_date": date,
            "speaker": {"name": speaker, "title": title}, "doc_type": doc}


def a(ind, measure, year, value, unit=None):
    unit = unit or ("%" if measure == "growth" else "元")
    return {"indicator": ind, "measure": measure, "period": str(year), "kind": "actual",
            "value": value, "unit": unit}


def t(ind, measure, year, value, qual="exact", unit=None, high=None):
    unit = unit or ("%" if measure == "growth" else "元")
    f = {"indicator": ind, "measure": measure, "period": str(year), "kind": "target",
         "value": value, "unit": unit, "qualifier": qual}
    if high is not None:
        f["value_high"] = high
        f["qualifier"] = "range"
    return f


def amb(ind, measure, year, kind="actual"):
    return {"indicator": ind, "measure": measure, "period": str(year), "kind": kind}


def national(year, date, speaker):
    return meta("全国", "", "national", year, year - 1, date, speaker, "总理")


DOCS = []


def doc(file, m, facts, ambiguous=()):
    DOCS.append({"id": file.split(".")[0] + "#1", "file": file, "meta": m, "facts": facts,
                 "ambiguous": list(ambiguous)})


g, v = "growth", "value"
doc("n2008.txt", national(2008, "2008-03-05", "温家宝"), [
    a("gdp", v, 2007, 24.66 * B), a("gdp", g, 2007, 11.4), a("cpi", g, 2007, 4.8),
    a("new_urban_jobs", v, 2007, 1204 * W, "人"), a("unemployment_registered", v, 2007, 4, "%"),
    a("foreign_trade", v, 2007, 2.17 * B, "美元"), a("foreign_trade", g, 2007, 23.5),
    a("utilized_foreign_capital", v, 2007, 748 * Y, "美元"), a("energy_intensity", g, 2007, -3.27),
    a("grain_output", v, 2007, 10030 * Y, "斤"),
    t("gdp", g, 2008, 8, "about"), t("new_urban_jobs", v, 2008, 1000 * W, unit="人"),
    t("unemployment_registered", v, 2008, 4.5, "about", "%"), t("cpi", g, 2008, 4.8, "about"),
    t("energy_intensity", g, 2008, -4, "at_least"),
], [amb("budget_revenue", v, 2007)])
doc("n2010.txt", national(2010, "2010-03-05", "温家宝"), [
    a("gdp", v, 2009, 33.5 * B), a("gdp", g, 2009, 8.7), a("grain_output", v, 2009, 10616 * Y, "斤"),
    a("new_urban_jobs", v, 2009, 1102 * W, "人"), a("unemployment_registered", v, 2009, 4.3, "%"),
    a("urban_income", v, 2009, 17175), a("rural_income", v, 2009, 5153),
    a("urban_income", g, 2009, 9.8), a("rural_income", g, 2009, 8.5), a("cpi", g, 2009, -0.7),
    a("foreign_trade", v, 2009, 2.21 * B, "美元"), a("foreign_trade", g, 2009, -13.9),
    a("utilized_foreign_capital", v, 2009, 900 * Y, "美元"), a("energy_intensity", g, 2009, -2.2),
    t("gdp", g, 2010, 8, "about"), t("new_urban_jobs", v, 2010, 900 * W, "at_least", "人"),
    t("unemployment_registered", v, 2010, 4.6, "at_most", "%"), t("cpi", g, 2010, 3, "about"),
], [amb("budget_revenue", v, 2009), amb("budget_revenue", g, 2009)])
doc("n2013.txt", national(2013, "2013-03-05", "温家宝"), [
    a("gdp", v, 2012, 51.9 * B), a("gdp", g, 2012, 7.8), a("cpi", g, 2012, 2.6),
    a("new_urban_jobs", v, 2012, 1266 * W, "人"), a("unemployment_registered", v, 2012, 4.1, "%"),
    a("grain_output", v, 2012, 11791 * Y, "斤"),
    a("foreign_trade", v, 2012, 3.87 * B, "美元"), a("foreign_trade", g, 2012, 6.2),
    a("energy_intensity", g, 2012, -3.6),
    t("gdp", g, 2013, 7.5, "about"), t("cpi", g, 2013, 3.5, "about"),
    t("new_urban_jobs", v, 2013, 900 * W, "at_least", "人"),
    t("unemployment_registered", v, 2013, 4.6, "at_most", "%"), t("foreign_trade", g, 2013, 8, "about"),
], [amb("budget_revenue", v, 2012), amb("budget_revenue", g, 2012)])
doc("n2015.txt", national(2015, "2015-03-05", "李克强"), [
    a("gdp", v, 2014, 63.6 * B), a("gdp", g, 2014, 7.4), a("cpi", g, 2014, 2),
    a("new_urban_jobs", v, 2014, 1322 * W, "人"), a("unemployment_registered", v, 2014, 4.09, "%"),
    a("grain_output", v, 2014, 1.2 * B, "斤"), a("resident_income", g, 2014, 8),
    a("foreign_trade", g, 2014, 2.3), a("utilized_foreign_capital", v, 2014, 1196 * Y, "美元"),
    a("energy_intensity", g, 2014, -4.8),
    t("gdp", g, 2015, 7, "about"), t("cpi", g, 2015, 3, "about"),
    t("new_urban_jobs", v, 2015, 1000 * W, "at_least", "人"),
    t("unemployment_registered", v, 2015, 4.5, "at_most", "%"), t("foreign_trade", g, 2015, 6, "about"),
    t("energy_intensity", g, 2015, -3.1, "at_least"),
])
doc("n2017.txt", national(2017, "2017-03-05", "李克强"), [
    a("gdp", v, 2016, 74.4 * B), a("gdp", g, 2016, 6.7), a("cpi", g, 2016, 2),
    a("energy_intensity", g, 2016, -5), a("new_urban_jobs", v, 2016, 1314 * W, "人"),
    a("unemployment_registered", v, 2016, 4.02, "%"), a("resident_income", g, 2016, 6.3),
    t("gdp", g, 2017, 6.5, "about"), t("cpi", g, 2017, 3, "about"),
    t("new_urban_jobs", v, 2017, 1100 * W, "at_least", "人"),
    t("unemployment_registered", v, 2017, 4.5, "at_most", "%"),
    t("energy_intensity", g, 2017, -3.4, "at_least"),
], [amb("grain_output", v, 2016)])
doc("n2018.txt", national(2018, "2018-03-05", "李克强"), [
    a("gdp", v, 2017, 82.7 * B), a("gdp", g, 2017, 6.9), a("new_urban_jobs", v, 2017, 1351 * W, "人"),
    a("cpi", g, 2017, 1.6), a("resident_income", g, 2017, 7.3), a("foreign_trade", g, 2017, 14.2),
    a("energy_intensity", g, 2017, -3.7),
    t("gdp", g, 2018, 6.5, "about"), t("cpi", g, 2018, 3, "about"),
    t("new_urban_jobs", v, 2018, 1100 * W, "at_least", "人"),
    t("unemployment_surveyed", v, 2018, 5.5, "at_most", "%"),
    t("unemployment_registered", v, 2018, 4.5, "at_most", "%"),
    t("energy_intensity", g, 2018, -3, "at_least"),
], [amb("budget_revenue", v, 2017)])
doc("n2019.txt", national(2019, "2019-03-05", "李克强"), [
    a("gdp", g, 2018, 6.6), a("gdp", v, 2018, 90 * B), a("cpi", g, 2018, 2.1),
    a("new_urban_jobs", v, 2018, 1361 * W, "人"), a("unemployment_surveyed", v, 2018, 5, "%"),
    a("resident_income", g, 2018, 6.5), a("energy_intensity", g, 2018, -3.1),
    a("foreign_trade", v, 2018, 30 * B), a("utilized_foreign_capital", v, 2018, 1383 * Y, "美元"),
    t("gdp", g, 2019, 6, high=6.5), t("new_urban_jobs", v, 2019, 1100 * W, "at_least", "人"),
    t("unemployment_surveyed", v, 2019, 5.5, "about", "%"),
    t("unemployment_registered", v, 2019, 4.5, "at_most", "%"), t("cpi", g, 2019, 3, "about"),
    t("energy_intensity", g, 2019, -3, "about"),
])
doc("n2020.txt", meta("全国", "", "national", 2020, 2019, "2020-05-22", "李克强", "总理"), [
    a("gdp", g, 2019, 6.1), a("new_urban_jobs", v, 2019, 1352 * W, "人"), a("cpi", g, 2019, 2.9),
    a("resident_income", g, 2019, 5.8), a("energy_intensity", g, 2019, -2.6),
    t("new_urban_jobs", v, 2020, 900 * W, "at_least", "人"),
    t("unemployment_surveyed", v, 2020, 6, "about", "%"),
    t("unemployment_registered", v, 2020, 5.5, "about", "%"), t("cpi", g, 2020, 3.5, "about"),
    t("grain_output", v, 2020, 1.3 * B, "at_least", "斤"),
], [amb("unemployment_surveyed", v, 2019), amb("grain_output", v, 2019)])
doc("n2021.txt", national(2021, "2021-03-05", "李克强"), [
    a("gdp", g, 2020, 2.3), a("gdp", v, 2020, 100 * B), a("new_urban_jobs", v, 2020, 1186 * W, "人"),
    a("unemployment_surveyed", v, 2020, 5.2, "%"), a("cpi", g, 2020, 2.5),
    a("grain_output", v, 2020, 13390 * Y, "斤"), a("resident_income", g, 2020, 2.1),
    a("foreign_trade", g, 2020, 1.9), a("utilized_foreign_capital", g, 2020, 6.2),
    t("gdp", g, 2021, 6, "at_least"), t("new_urban_jobs", v, 2021, 1100 * W, "at_least", "人"),
    t("unemployment_surveyed", v, 2021, 5.5, "about", "%"), t("cpi", g, 2021, 3, "about"),
    t("energy_intensity", g, 2021, -3, "about"), t("grain_output", v, 2021, 1.3 * B, "at_least", "斤"),
])
doc("n2023.txt", national(2023, "2023-03-05", "李克强"), [
    a("gdp", g, 2022, 3), a("gdp", v, 2022, 121 * B), a("new_urban_jobs", v, 2022, 1206 * W, "人"),
    a("unemployment_surveyed", v, 2022, 5.5, "%"), a("cpi", g, 2022, 2),
    a("foreign_trade", g, 2022, 7.7), a("grain_output", v, 2022, 1.37 * B, "斤"),
    a("resident_income", g, 2022, 2.9),
    t("gdp", g, 2023, 5, "about"), t("new_urban_jobs", v, 2023, 1200 * W, "about", "人"),
    t("unemployment_surveyed", v, 2023, 5.5, "about", "%"), t("cpi", g, 2023, 3, "about"),
    t("grain_output", v, 2023, 1.3 * B, "at_least", "斤"),
], [amb("foreign_trade", v, 2022)])
doc("n2024.txt", national(2024, "2024-03-05", "李强"), [
    a("gdp", v, 2023, 126 * B), a("gdp", g, 2023, 5.2), a("new_urban_jobs", v, 2023, 1244 * W, "人"),
    a("unemployment_surveyed", v, 2023, 5.2, "%"), a("cpi", g, 2023, 0.2),
    a("grain_output", v, 2023, 1.39 * B, "斤"), a("resident_income", g, 2023, 6.1),
    a("foreign_trade", v, 2023, 41.76 * B), a("foreign_trade", g, 2023, 0.2),
    a("energy_intensity", g, 2023, -0.5),
    t("gdp", g, 2024, 5, "about"), t("new_urban_jobs", v, 2024, 1200 * W, "at_least", "人"),
    t("unemployment_surveyed", v, 2024, 5.5, "about", "%"), t("cpi", g, 2024, 3, "about"),
    t("grain_output", v, 2024, 1.3 * B, "at_least", "斤"), t("energy_intensity", g, 2024, -2.5, "about"),
])
doc("n2025.txt", national(2025, "2025-03-05", "李强"), [
    a("gdp", v, 2024, 134.9 * B), a("gdp", g, 2024, 5), a("new_urban_jobs", v, 2024, 1256 * W, "人"),
    a("unemployment_surveyed", v, 2024, 5.1, "%"), a("cpi", g, 2024, 0.2),
    a("grain_output", v, 2024, 1.4 * B, "斤"), a("foreign_trade", g, 2024, 5),
    a("resident_income", g, 2024, 5.1), a("energy_intensity", g, 2024, -3),
    t("gdp", g, 2025, 5, "about"), t("unemployment_surveyed", v, 2025, 5.5, "about", "%"),
    t("new_urban_jobs", v, 2025, 1200 * W, "at_least", "人"), t("cpi", g, 2025, 2, "about"),
    t("grain_output", v, 2025, 1.4 * B, "about", "斤"), t("energy_intensity", g, 2025, -3, "about"),
])
doc("n2012.txt", national(2012, "2012-03-05", "温家宝"), [
    a("gdp", v, 2011, 47.2 * B), a("gdp", g, 2011, 9.2), a("grain_output", v, 2011, 11424 * Y, "斤"),
    a("new_urban_jobs", v, 2011, 1221 * W, "人"), a("urban_income", g, 2011, 8.4),
    a("rural_income", g, 2011, 11.4), a("foreign_trade", v, 2011, 3.64 * B, "美元"),
    a("foreign_trade", g, 2011, 22.5), a("exports", v, 2011, 1.9 * B, "美元"), a("exports", g, 2011, 20.3),
    a("cpi", g, 2011, 5.4),
    t("gdp", g, 2012, 7.5), t("new_urban_jobs", v, 2012, 900 * W, "at_least", "人"),
    t("unemployment_registered", v, 2012, 4.6, "at_most", "%"), t("cpi", g, 2012, 4, "about"),
    t("foreign_trade", g, 2012, 10, "about"), t("energy_intensity", g, 2012, -3.5),
], [amb("budget_revenue", v, 2011), amb("budget_revenue", g, 2011)])
doc("n2016.txt", national(2016, "2016-03-05", "李克强"), [
    a("gdp", v, 2015, 67.7 * B), a("gdp", g, 2015, 6.9), a("new_urban_jobs", v, 2015, 1312 * W, "人"),
    a("resident_income", g, 2015, 7.4), a("energy_intensity", g, 2015, -5.6),
    t("gdp", g, 2016, 6.5, high=7), t("cpi", g, 2016, 3, "about"),
    t("new_urban_jobs", v, 2016, 1000 * W, "at_least", "人"),
    t("unemployment_registered", v, 2016, 4.5, "at_most", "%"),
    t("energy_intensity", g, 2016, -3.4, "at_least"),
])
doc("n2022.txt", national(2022, "2022-03-05", "李克强"), [
    a("gdp", v, 2021, 114 * B), a("gdp", g, 2021, 8.1), a("new_urban_jobs", v, 2021, 1269 * W, "人"),
    a("unemployment_surveyed", v, 2021, 5.1, "%"), a("cpi", g, 2021, 0.9),
    a("grain_output", v, 2021, 1.37 * B, "斤"), a("resident_income", g, 2021, 8.1),
    a("foreign_trade", g, 2021, 21.4), a("foreign_trade", v, 2021, 6 * B, "美元"),
    a("utilized_foreign_capital", v, 2021, 1.15 * B), a("utilized_foreign_capital", g, 2021, 14.9),
    a("energy_intensity", g, 2021, -2.7),
    t("gdp", g, 2022, 5.5, "about"), t("new_urban_jobs", v, 2022, 1100 * W, "at_least", "人"),
    t("unemployment_surveyed", v, 2022, 5.5, "at_most", "%"), t("cpi", g, 2022, 3, "about"),
    t("grain_output", v, 2022, 1.3 * B, "at_least", "斤"),
])
doc("c_yueyang_2019.txt", meta("岳阳市", "430600", "prefecture", 2019, 2018, "2019-01-15", "李爱武", "市长",
                               province="湖南省"), [
    a("gdp", v, 2018, 3411 * Y), a("gdp", g, 2018, 8.1), a("gdp_per_capita", v, 2018, 1 * W, "美元"),
    a("budget_revenue", v, 2018, 130 * Y), a("budget_revenue", g, 2018, 9.6),
    a("tax_revenue", v, 2018, 198 * Y), a("industrial_value_added", g, 2018, 8.2),
    a("fixed_asset_investment", g, 2018, 12.5), a("retail_sales", v, 2018, 1525 * Y),
    a("retail_sales", g, 2018, 10.3), a("foreign_trade", v, 2018, 422 * Y), a("foreign_trade", g, 2018, 72.3),
    a("utilized_foreign_capital", v, 2018, 2.2 * Y, "美元"), a("utilized_foreign_capital", g, 2018, 15),
    a("urban_income", v, 2018, 33786), a("urban_income", g, 2018, 8.3),
    a("rural_income", v, 2018, 15317), a("rural_income", g, 2018, 9.1),
    a("deposits", v, 2018, 3450 * Y), a("deposits", g, 2018, 8.5), a("cpi", g, 2018, 2.1),
    a("rd_intensity", v, 2018, 1.8, "%"), a("grain_output", v, 2018, 54.6 * Y, "斤"),
    t("gdp", g, 2019, 7.5, high=8), t("industrial_value_added", g, 2019, 8, high=8.5),
    t("fixed_asset_investment", g, 2019, 10, "about"), t("retail_sales", g, 2019, 10),
    t("budget_revenue", g, 2019, 6, "at_least"), t("cpi", g, 2019, 3, "at_most"),
    t("unemployment_surveyed", v, 2019, 5.5, "at_most", "%"),
    t("foreign_trade", v, 2019, 500 * Y, "at_least"),
], [amb("unemployment_surveyed", v, 2018)])
doc("d_yuhang_2022.txt", meta("余杭区", "330110", "district", 2022, 2021, "2022-01-05", "刘颖", "区长",
                              parent="杭州市", province="浙江省"), [
    a("gdp", v, 2021, 2420.1 * Y), a("gdp", g, 2021, 11.2),
    a("budget_revenue", v, 2021, 401.3 * Y), a("budget_revenue", g, 2021, 17.8),
    a("tax_revenue", v, 2021, 600 * Y), a("fixed_asset_investment", g, 2021, -3.8),
    a("retail_sales", v, 2021, 800.2 * Y), a("retail_sales", g, 2021, 12.9),
    a("industrial_output", v, 2021, 3078 * Y), a("industrial_output", g, 2021, 18.4),
    a("exports", v, 2021, 1120 * Y), a("exports", g, 2021, 32),
    a("urban_income", v, 2021, 79530), a("rural_income", v, 2021, 45060),
    a("urban_income", g, 2021, 8.7), a("rural_income", g, 2021, 10.3), a("rd_intensity", v, 2021, 3.98, "%"),
    t("gdp", g, 2022, 7, high=7.5), t("budget_revenue", g, 2022, 5.5),
    t("fixed_asset_investment", g, 2022, 8), t("retail_sales", g, 2022, 8),
    t("urban_income", g, 2022, 7), t("rural_income", g, 2022, 8),
    t("industrial_output", g, 2022, 10, "at_least"),
])
doc("p_zhejiang_2022.txt", meta("浙江省", "330000", "province", 2022, 2021, "2022-01-17", "王浩", "省长",
                                province="浙江省"), [
    a("gdp", v, 2021, 7.35 * B), a("gdp", g, 2021, 8.5), a("gdp_per_capita", v, 2021, 11 * W),
    a("budget_revenue", v, 2021, 8263 * Y), a("budget_revenue", g, 2021, 14),
    a("tax_revenue", v, 2021, 7171 * Y), a("tax_revenue", g, 2021, 15.8),
    a("industrial_value_added", g, 2021, 12.9), a("fixed_asset_investment", g, 2021, 10.8),
    a("retail_sales", v, 2021, 2.92 * B), a("retail_sales", g, 2021, 9.7),
    a("foreign_trade", v, 2021, 4.14 * B), a("foreign_trade", g, 2021, 22.4),
    a("exports", v, 2021, 3.01 * B), a("exports", g, 2021, 19.7),
    a("utilized_foreign_capital", v, 2021, 183 * Y, "美元"), a("utilized_foreign_capital", g, 2021, 16.2),
    a("urban_income", v, 2021, 68487), a("rural_income", v, 2021, 35247),
    a("urban_income", g, 2021, 9.2), a("rural_income", g, 2021, 10.4), a("cpi", g, 2021, 1.5),
    a("rd_intensity", v, 2021, 2.9, "%"), a("energy_intensity", g, 2021, -3.5),
    t("gdp", g, 2022, 6, "at_least"), t("budget_revenue", g, 2022, 6),
    t("unemployment_surveyed", v, 2022, 5.5, "at_most", "%"), t("cpi", g, 2022, 3, "about"),
    t("rd_intensity", v, 2022, 2.95, unit="%"), t("grain_output", v, 2022, 124 * Y, "at_least", "斤"),
])
doc("c_mianyang_2023.txt", meta("绵阳市", "510700", "prefecture", 2023, 2022, "2023-01-10", "元方", "市长",
                                province="四川省"), [
    a("gdp", v, 2022, 3626.94 * Y), a("gdp", g, 2022, 5.9), a("gdp_per_capita", v, 2022, 7.4 * W),
    a("industrial_value_added", g, 2022, 9.6), a("fixed_asset_investment", g, 2022, 12.1),
    a("retail_sales", v, 2022, 1579.5 * Y), a("retail_sales", g, 2022, 1.4),
    a("budget_revenue", v, 2022, 169.5 * Y), a("budget_revenue", g, 2022, 8.6),
    a("foreign_trade", v, 2022, 261.8 * Y), a("foreign_trade", g, 2022, -11.5),
    a("urban_income", v, 2022, 45125), a("rural_income", v, 2022, 22063),
    a("urban_income", g, 2022, 5.2), a("rural_income", g, 2022, 6.5),
    a("deposits", v, 2022, 5650 * Y), a("loans", v, 2022, 3822 * Y),
    a("deposits", g, 2022, 10.9), a("loans", g, 2022, 13.2),
    a("new_urban_jobs", v, 2022, 5.1 * W, "人"), a("energy_intensity", g, 2022, -2),
    t("gdp", g, 2023, 7, "about"), t("industrial_value_added", g, 2023, 8),
    t("fixed_asset_investment", g, 2023, 10), t("retail_sales", g, 2023, 6),
    t("budget_revenue", g, 2023, 6), t("urban_income", g, 2023, 7), t("rural_income", g, 2023, 8),
    t("new_urban_jobs", v, 2023, 4.5 * W, "at_least", "人"),
    t("unemployment_registered", v, 2023, 4.5, "at_most", "%"), t("cpi", g, 2023, 3, "about"),
], [amb("unemployment_registered", v, 2022)])
doc("x_linqu_2021.txt", meta("临朐县", "370724", "county", 2021, 2020, "2021-02-03", "李平", "县长",
                             parent="潍坊市", province="山东省"), [
    a("gdp", v, 2020, 368.2 * Y), a("gdp", g, 2020, 3.8),
    a("budget_revenue", v, 2020, 25.1 * Y), a("budget_revenue", g, 2020, 4.3),
    a("industrial_value_added", g, 2020, 6.1), a("fixed_asset_investment", g, 2020, 5.2),
    a("retail_sales", v, 2020, 148 * Y), a("urban_income", v, 2020, 35620),
    a("rural_income", v, 2020, 18650), a("urban_income", g, 2020, 3.5), a("rural_income", g, 2020, 6.8),
    a("grain_output", v, 2020, 50.6 * W, "吨"), a("deposits", v, 2020, 536 * Y),
    a("loans", v, 2020, 401 * Y), a("loans", g, 2020, 9.1),
    t("gdp", g, 2021, 7, "at_least"), t("budget_revenue", g, 2021, 5),
    t("industrial_value_added", g, 2021, 8), t("fixed_asset_investment", g, 2021, 8),
    t("retail_sales", g, 2021, 10), t("new_urban_jobs", v, 2021, 5000, "at_least", "人"),
    t("unemployment_registered", v, 2021, 3, "at_most", "%"),
], [amb("retail_sales", g, 2020)])
doc("t_xintang_2020.txt", meta("新塘镇", "440118101", "town", 2020, 2019, "2020-01-08", "陈志强", "镇长",
                               parent="增城区", province="广东省"), [
    a("gdp", v, 2019, 612.5 * Y), a("gdp", g, 2019, 6.2),
    a("industrial_output", v, 2019, 1380 * Y), a("industrial_output", g, 2019, 5.1),
    a("fixed_asset_investment", v, 2019, 186.3 * Y), a("fixed_asset_investment", g, 2019, 12.4),
    a("retail_sales", v, 2019, 215.7 * Y), a("retail_sales", g, 2019, 7.8),
    a("tax_revenue", v, 2019, 58.6 * Y), a("tax_revenue", g, 2019, -2.3),
    a("foreign_trade", v, 2019, 320 * Y), a("foreign_trade", g, 2019, 3.6),
    t("gdp", g, 2020, 6), t("industrial_output", g, 2020, 5), t("fixed_asset_investment", g, 2020, 10),
    t("retail_sales", g, 2020, 7),
])
doc("d_nanhai_2021_trad.txt", meta("南海区", "440605", "district", 2021, 2020, "2021-01-26", "顾耀辉", "区长",
                                   parent="佛山市", province="广东省"), [
    a("gdp", v, 2020, 3176.62 * Y), a("gdp", g, 2020, 2.1), a("industrial_value_added", g, 2020, 1.8),
    a("budget_revenue", v, 2020, 238.1 * Y), a("budget_revenue", g, 2020, 2.3),
    a("fixed_asset_investment", g, 2020, 9.2), a("retail_sales", v, 2020, 1200.6 * Y),
    a("retail_sales", g, 2020, -5.7), a("foreign_trade", v, 2020, 2314.8 * Y),
    a("foreign_trade", g, 2020, 1.5), a("urban_income", g, 2020, 4.2), a("rural_income", g, 2020, 7.1),
    t("gdp", g, 2021, 6, "about"), t("budget_revenue", g, 2021, 5),
    t("industrial_value_added", g, 2021, 6), t("fixed_asset_investment", g, 2021, 10),
    t("retail_sales", g, 2021, 8), t("unemployment_surveyed", v, 2021, 5.5, "at_most", "%"),
])
doc("news_2025.txt", meta("全国", "", "national", 2025, 2024, "2025-03-05", "李强", "总理", doc="other"), [
    a("gdp", v, 2024, 134.9 * B), a("gdp", g, 2024, 5), a("new_urban_jobs", v, 2024, 1256 * W, "人"),
    a("grain_output", v, 2024, 1.4 * B, "斤"),
    t("gdp", g, 2025, 5, "about"), t("unemployment_surveyed", v, 2025, 5.5, "about", "%"),
    t("new_urban_jobs", v, 2025, 1200 * W, "at_least", "人"), t("cpi", g, 2025, 2, "about"),
    t("grain_output", v, 2025, 1.4 * B, "about", "斤"), t("energy_intensity", g, 2025, -3, "about"),
])
# A plenary late in 2021 reviews 2021; its targets are for 2022, outside the scored years.
doc("party_weifang_2021.txt", meta("潍坊市", "370700", "prefecture", 2021, 2021, "2021-12-28", "田庆盈",
                                   "市委书记", doc="party_committee_report", province="山东省"), [
    a("gdp", v, 2021, 7000 * Y), a("gdp", g, 2021, 8),
    a("budget_revenue", v, 2021, 650 * Y), a("budget_revenue", g, 2021, 11),
    a("industrial_value_added", g, 2021, 12), a("fixed_asset_investment", g, 2021, 6),
    a("retail_sales", g, 2021, 13), a("urban_income", g, 2021, 7.5), a("rural_income", g, 2021, 10),
])

for d in DOCS:
    for f in d["facts"]:
        f["value"] = round(f["value"], 6)
    if not d["ambiguous"]:
        del d["ambiguous"]
    print(json.dumps(d, ensure_ascii=False))
