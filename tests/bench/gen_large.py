#!/usr/bin/env python3
"""Writes one synthetic document with N measures, each closed by an
attribution naming 3 to 8 of 150 agencies (the registry's bodies plus
collectives), deterministically. Usage: gen_large.py N FILE"""
import random
import sys

KNOWN = ("外交部 国防部 国家发展改革委 教育部 科技部 工业和信息化部 国家民委 公安部 国家安全部 民政部 "
         "司法部 财政部 人力资源社会保障部 自然资源部 生态环境部 住房城乡建设部 交通运输部 水利部 "
         "农业农村部 商务部 文化和旅游部 国家卫生健康委 退役军人事务部 应急管理部 人民银行 审计署 "
         "国务院国资委 海关总署 税务总局 市场监管总局 金融监管总局 证监会 广电总局 体育总局 国家信访局 "
         "国家统计局 国家知识产权局 国家国际发展合作署 国家医保局 国务院参事室 国管局 国务院研究室 新华社 "
         "中国科学院 中国社会科学院 中国工程院 国务院发展研究中心 中央广播电视总台 中国气象局 "
         "国家粮食和储备局 国家能源局 国家数据局 国家国防科工局 国家烟草局 国家移民局 国家林草局 国家铁路局 "
         "中国民航局 国家邮政局 国家文物局 国家中医药局 国家疾控局 国家矿山安监局 国家消防救援局 国家外汇局 "
         "国家药监局 银保监会 国家开发银行 进出口银行 农业发展银行 中国出口信用保险公司 国铁集团 中国贸促会 "
         "全国总工会 共青团中央 全国妇联 全国工商联 中国科协 中国残联 中央宣传部 中央网信办 各地方人民政府").split()
names = KNOWN + ["第%d组有关单位" % i for i in range(150 - len(KNOWN))]
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(42)
with open(path, "w", encoding="utf-8") as f:
    f.write("国务院办公厅关于大规模测试的意见\n国办发〔2024〕99号\n现提出以下意见：\n")
    for i in range(n):
        who = rng.sample(names, rng.randint(3, 8))
        lead = "%s牵头，" % who[0] if i % 3 == 0 else ""
        f.write("第%d项措施要加强统筹协调，完善政策体系，推动工作落实见效。（%s%s按职责分工负责）\n"
                % (i + 1, lead, "、".join(who[1:])))
