"""A seeded, deterministic generator of realistic news articles for the benchmark.

Articles are written from our own templates and vocabulary tables (nothing is
copied from real outlets). A corpus is a year of *stories* (an event covered by
several outlets over a few days); each outlet has a house style: honorifics
("Mr Park", "Mr. Park" or bare "Park"), date forms ("Jan 5", "Jan. 5",
"5 January", "January 5"), quote marks, colon or "said X" attributions,
"per cent"/"percent"/"%", currency forms, datelines and page furniture.

Article ``i`` of a corpus depends only on ``(seed, i)`` and the corpus size, so
any prefix of a corpus is spread over the whole year and a worker process can
generate its own slice without talking to the others.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from digests.models import Article

GENERATOR_VERSION = 1

# --------------------------------------------------------------------------------------------
# Vocabulary tables
# --------------------------------------------------------------------------------------------

# culture: (male given names, female given names, surnames, surname-first order)
NAMES: dict[str, tuple[list[str], list[str], list[str], bool]] = {
    "chinese": (
        [
            "Wei",
            "Jun",
            "Haoran",
            "Zhiwei",
            "Guoqiang",
            "Mingyu",
            "Jianguo",
            "Tao",
            "Hongwei",
            "Lei",
            "Bo",
            "Yifan",
        ],
        ["Lin", "Xiaomei", "Yan", "Hui", "Jing", "Li Na", "Fang", "Meiling", "Yuqing", "Ning", "Xin", "Qian"],
        [
            "Zhang",
            "Wang",
            "Li",
            "Chen",
            "Liu",
            "Yang",
            "Huang",
            "Zhao",
            "Zhou",
            "Wu",
            "Xu",
            "Sun",
            "Ma",
            "Gao",
            "Lin",
        ],
        True,
    ),
    "korean": (
        [
            "Min-jun",
            "Seung-ho",
            "Dong-hyun",
            "Jae-won",
            "Tae-yang",
            "Sung-min",
            "Hyun-woo",
            "Joon-ho",
            "Ki-tae",
        ],
        ["Ji-young", "Soo-jin", "Hye-won", "Eun-ji", "Min-seo", "Yoo-na", "Seo-yeon", "Ha-eun", "Na-rae"],
        ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh"],
        True,
    ),
    "japanese": (
        ["Hiroshi", "Takeshi", "Kenji", "Yusuke", "Daisuke", "Shinji", "Kazuo", "Ryota", "Masato", "Toshio"],
        ["Yuko", "Akiko", "Naomi", "Keiko", "Haruka", "Mariko", "Sachiko", "Emi", "Rie", "Aya"],
        [
            "Sato",
            "Suzuki",
            "Takahashi",
            "Tanaka",
            "Watanabe",
            "Ito",
            "Yamamoto",
            "Nakamura",
            "Kobayashi",
            "Kato",
        ],
        False,
    ),
    "anglo": (
        [
            "James",
            "Robert",
            "Michael",
            "David",
            "Thomas",
            "Daniel",
            "Matthew",
            "Andrew",
            "Mark",
            "Paul",
            "Peter",
        ],
        ["Sarah", "Emily", "Rachel", "Laura", "Karen", "Helen", "Claire", "Susan", "Megan", "Anna", "Julia"],
        [
            "Harper",
            "Whitfield",
            "Brennan",
            "Caldwell",
            "Morrison",
            "Fletcher",
            "Holloway",
            "Prescott",
            "Gardner",
            "Ashworth",
            "Langley",
            "Thornton",
            "Redmond",
            "Kessler",
            "Sutton",
            "Barlow",
        ],
        False,
    ),
    "indian": (
        ["Rajesh", "Arjun", "Vikram", "Sanjay", "Anil", "Rahul", "Suresh", "Amit", "Karthik", "Nikhil"],
        ["Priya", "Anjali", "Sunita", "Kavita", "Meera", "Deepa", "Lakshmi", "Pooja", "Nandini", "Shreya"],
        ["Sharma", "Patel", "Iyer", "Reddy", "Nair", "Menon", "Gupta", "Rao", "Verma", "Chatterjee", "Desai"],
        False,
    ),
    "indonesian": (
        ["Budi", "Agus", "Hendra", "Rizal", "Dedi", "Arif", "Bambang", "Eko", "Yusuf", "Fajar"],
        ["Sri", "Dewi", "Ratna", "Indah", "Wulan", "Putri", "Ayu", "Rini", "Siti", "Lestari"],
        ["Santoso", "Wijaya", "Hidayat", "Gunawan", "Saputra", "Kusuma", "Pratama", "Setiawan", "Nugroho"],
        False,
    ),
    "vietnamese": (
        ["Minh", "Tuan", "Hung", "Dung", "Quang", "Thanh", "Long", "Hai", "Phuc", "Duc"],
        ["Lan", "Huong", "Mai", "Thu", "Ngoc", "Trang", "Linh", "Hoa", "Phuong", "Anh"],
        ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo"],
        True,
    ),
    "filipino": (
        [
            "Jose",
            "Ramon",
            "Eduardo",
            "Manuel",
            "Antonio",
            "Rodrigo",
            "Fernando",
            "Miguel",
            "Carlos",
            "Enrique",
        ],
        ["Maria", "Teresa", "Rosario", "Cristina", "Liza", "Carmela", "Imelda", "Gloria", "Leni", "Marites"],
        [
            "Santos",
            "Reyes",
            "Cruz",
            "Bautista",
            "Garcia",
            "Mendoza",
            "Villanueva",
            "Aquino",
            "Dizon",
            "Castillo",
        ],
        False,
    ),
    "french": (
        [
            "Jean",
            "Pierre",
            "Laurent",
            "Olivier",
            "Nicolas",
            "Julien",
            "Thierry",
            "Antoine",
            "Guillaume",
            "Benoit",
        ],
        [
            "Marie",
            "Claire",
            "Sophie",
            "Isabelle",
            "Camille",
            "Nathalie",
            "Amelie",
            "Celine",
            "Helene",
            "Agathe",
        ],
        [
            "Martin",
            "Bernard",
            "Dubois",
            "Lefebvre",
            "Moreau",
            "Laurent",
            "Girard",
            "Fontaine",
            "Rousseau",
            "Blanc",
        ],
        False,
    ),
    "german": (
        [
            "Klaus",
            "Stefan",
            "Jurgen",
            "Matthias",
            "Andreas",
            "Wolfgang",
            "Markus",
            "Tobias",
            "Florian",
            "Uwe",
        ],
        ["Katrin", "Sabine", "Petra", "Annika", "Ursula", "Birgit", "Heike", "Franziska", "Lena", "Greta"],
        [
            "Muller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Becker",
            "Hoffmann",
            "Wagner",
            "Richter",
            "Krause",
        ],
        False,
    ),
    "russian": (
        ["Sergei", "Dmitry", "Alexei", "Nikolai", "Vladimir", "Andrei", "Mikhail", "Igor", "Yuri", "Pavel"],
        ["Olga", "Natalia", "Tatiana", "Irina", "Svetlana", "Elena", "Marina", "Anastasia", "Yulia", "Vera"],
        [
            "Ivanov",
            "Petrov",
            "Sokolov",
            "Volkov",
            "Morozov",
            "Lebedev",
            "Kozlov",
            "Novikov",
            "Orlov",
            "Belov",
        ],
        False,
    ),
    "ukrainian": (
        [
            "Oleksandr",
            "Andriy",
            "Taras",
            "Bohdan",
            "Mykola",
            "Yaroslav",
            "Serhiy",
            "Dmytro",
            "Vasyl",
            "Ostap",
        ],
        ["Oksana", "Iryna", "Olena", "Nataliya", "Halyna", "Kateryna", "Solomiya", "Yana", "Larysa", "Zoya"],
        ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchuk", "Melnyk", "Lysenko", "Marchenko"],
        False,
    ),
    "turkish": (
        ["Mehmet", "Mustafa", "Ahmet", "Emre", "Burak", "Kemal", "Serkan", "Hakan", "Murat", "Ozan"],
        ["Ayse", "Elif", "Zeynep", "Fatma", "Emine", "Selin", "Derya", "Gulsen", "Merve", "Nilufer"],
        ["Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Aydin", "Ozturk", "Arslan", "Dogan", "Korkmaz"],
        False,
    ),
    "arabic": (
        ["Mohammed", "Ahmed", "Khalid", "Faisal", "Omar", "Tariq", "Hassan", "Youssef", "Saeed", "Nasser"],
        ["Fatima", "Aisha", "Layla", "Noura", "Mariam", "Huda", "Rania", "Salma", "Dalia", "Yasmin"],
        [
            "Al-Rashid",
            "Al-Mansour",
            "Haddad",
            "Nasser",
            "Al-Farsi",
            "Khalil",
            "Saleh",
            "Aziz",
            "Hamdan",
            "Ibrahim",
        ],
        False,
    ),
    "portuguese": (
        ["Joao", "Paulo", "Rafael", "Marcelo", "Gustavo", "Rodrigo", "Thiago", "Felipe", "Bruno", "Luiz"],
        [
            "Ana",
            "Beatriz",
            "Juliana",
            "Fernanda",
            "Camila",
            "Luciana",
            "Mariana",
            "Patricia",
            "Renata",
            "Helena",
        ],
        [
            "Silva",
            "Souza",
            "Oliveira",
            "Pereira",
            "Costa",
            "Carvalho",
            "Almeida",
            "Ribeiro",
            "Barbosa",
            "Teixeira",
        ],
        False,
    ),
    "spanish": (
        ["Alejandro", "Javier", "Luis", "Diego", "Andres", "Ricardo", "Sergio", "Raul", "Pablo", "Mateo"],
        ["Lucia", "Carmen", "Isabel", "Gabriela", "Valeria", "Paula", "Elena", "Daniela", "Sofia", "Adriana"],
        [
            "Hernandez",
            "Lopez",
            "Gonzalez",
            "Ramirez",
            "Torres",
            "Flores",
            "Rivera",
            "Morales",
            "Ortiz",
            "Vargas",
        ],
        False,
    ),
    "nigerian": (
        [
            "Chinedu",
            "Emeka",
            "Oluwaseun",
            "Tunde",
            "Ibrahim",
            "Uche",
            "Segun",
            "Babatunde",
            "Obinna",
            "Kelechi",
        ],
        ["Ngozi", "Funmilayo", "Amina", "Chioma", "Folake", "Adaeze", "Yetunde", "Zainab", "Ifeoma", "Bisi"],
        [
            "Okafor",
            "Adeyemi",
            "Bello",
            "Eze",
            "Abubakar",
            "Nwosu",
            "Balogun",
            "Okonkwo",
            "Adebayo",
            "Danjuma",
        ],
        False,
    ),
    "polish": (
        [
            "Piotr",
            "Tomasz",
            "Krzysztof",
            "Marek",
            "Pawel",
            "Jakub",
            "Grzegorz",
            "Wojciech",
            "Lukasz",
            "Michal",
        ],
        ["Agnieszka", "Katarzyna", "Malgorzata", "Joanna", "Magdalena", "Ewa", "Zofia", "Barbara", "Monika"],
        ["Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kaminski", "Lewandowski", "Zielinski", "Szymanski"],
        False,
    ),
    "malay": (
        ["Ahmad", "Hafiz", "Azman", "Rosli", "Faizal", "Iskandar", "Zulkifli", "Shahrul", "Hakim", "Amir"],
        ["Nurul", "Siti Aminah", "Farah", "Aishah", "Zarina", "Haslina", "Rohana", "Norazlin", "Suraya"],
        ["Abdullah", "Ismail", "Rahman", "Hamid", "Yusof", "Osman", "Hassan", "Ariffin", "Mokhtar", "Salleh"],
        False,
    ),
    "thai": (
        ["Somchai", "Anucha", "Prasert", "Surasak", "Thawatchai", "Chaiwat", "Narong", "Kittisak", "Wichai"],
        ["Siriporn", "Malee", "Pimchanok", "Kanokwan", "Ratana", "Suda", "Arunee", "Nattaya", "Porntip"],
        [
            "Chaiyaporn",
            "Srisuk",
            "Wongsakul",
            "Thongchai",
            "Rattanakorn",
            "Boonmee",
            "Kittikhun",
            "Sukprasert",
        ],
        False,
    ),
}

# code, name, adjective, capital, culture, currency, leader roles
CountryRow = tuple[str, str, str, str, str, str, tuple[str, ...]]
COUNTRIES: list[CountryRow] = [
    ("CN", "China", "Chinese", "Beijing", "chinese", "CNY", ("President", "Premier")),
    ("KR", "South Korea", "South Korean", "Seoul", "korean", "KRW", ("President", "Prime Minister")),
    ("JP", "Japan", "Japanese", "Tokyo", "japanese", "JPY", ("Prime Minister",)),
    ("US", "the United States", "American", "Washington", "anglo", "USD", ("President",)),
    ("SG", "Singapore", "Singaporean", "Singapore", "chinese", "SGD", ("Prime Minister",)),
    ("IN", "India", "Indian", "New Delhi", "indian", "INR", ("Prime Minister", "President")),
    ("ID", "Indonesia", "Indonesian", "Jakarta", "indonesian", "IDR", ("President",)),
    ("VN", "Vietnam", "Vietnamese", "Hanoi", "vietnamese", "VND", ("Prime Minister",)),
    ("PH", "the Philippines", "Philippine", "Manila", "filipino", "PHP", ("President",)),
    ("AU", "Australia", "Australian", "Canberra", "anglo", "AUD", ("Prime Minister",)),
    ("GB", "Britain", "British", "London", "anglo", "GBP", ("Prime Minister",)),
    ("FR", "France", "French", "Paris", "french", "EUR", ("President", "Prime Minister")),
    ("DE", "Germany", "German", "Berlin", "german", "EUR", ("Chancellor",)),
    ("RU", "Russia", "Russian", "Moscow", "russian", "RUB", ("President",)),
    ("UA", "Ukraine", "Ukrainian", "Kyiv", "ukrainian", "UAH", ("President",)),
    ("TR", "Turkey", "Turkish", "Ankara", "turkish", "TRY", ("President",)),
    ("SA", "Saudi Arabia", "Saudi", "Riyadh", "arabic", "SAR", ("Crown Prince",)),
    ("AE", "the United Arab Emirates", "Emirati", "Abu Dhabi", "arabic", "AED", ("President",)),
    ("EG", "Egypt", "Egyptian", "Cairo", "arabic", "EGP", ("President",)),
    ("BR", "Brazil", "Brazilian", "Brasilia", "portuguese", "BRL", ("President",)),
    ("MX", "Mexico", "Mexican", "Mexico City", "spanish", "MXN", ("President",)),
    ("NG", "Nigeria", "Nigerian", "Abuja", "nigerian", "NGN", ("President",)),
    ("PL", "Poland", "Polish", "Warsaw", "polish", "PLN", ("President", "Prime Minister")),
    ("CA", "Canada", "Canadian", "Ottawa", "anglo", "CAD", ("Prime Minister",)),
    ("MY", "Malaysia", "Malaysian", "Kuala Lumpur", "malay", "MYR", ("Prime Minister",)),
    ("TH", "Thailand", "Thai", "Bangkok", "thai", "THB", ("Prime Minister",)),
    ("ES", "Spain", "Spanish", "Madrid", "spanish", "EUR", ("Prime Minister",)),
]

MINISTER_ROLES = [
    "Foreign Minister",
    "Defence Minister",
    "Trade Minister",
    "Finance Minister",
    "Energy Minister",
]
US_ROLES = {
    "Foreign Minister": "Secretary of State",
    "Defence Minister": "Defence Secretary",
    "Trade Minister": "Trade Representative",
    "Finance Minister": "Treasury Secretary",
    "Energy Minister": "Energy Secretary",
}
GB_ROLES = {
    "Foreign Minister": "Foreign Secretary",
    "Defence Minister": "Defence Secretary",
    "Finance Minister": "Chancellor of the Exchequer",
    "Trade Minister": "Business Secretary",
}

# code: (prefix as written by Asian/British outlets, prefix in US style, word after the number)
CURRENCIES: dict[str, tuple[str | None, str | None, str]] = {
    "USD": ("US$", "$", "dollars"),
    "SGD": ("S$", "S$", "Singapore dollars"),
    "EUR": ("€", "€", "euros"),
    "GBP": ("£", "£", "pounds"),
    "JPY": ("¥", "¥", "yen"),
    "CNY": (None, None, "yuan"),
    "KRW": (None, None, "won"),
    "INR": ("Rs", "Rs", "rupees"),
    "AUD": ("A$", "A$", "Australian dollars"),
    "CAD": ("C$", "C$", "Canadian dollars"),
    "IDR": (None, None, "rupiah"),
    "VND": (None, None, "dong"),
    "PHP": (None, None, "pesos"),
    "RUB": (None, None, "roubles"),
    "UAH": (None, None, "hryvnias"),
    "TRY": (None, None, "lira"),
    "SAR": (None, None, "riyals"),
    "AED": (None, None, "dirhams"),
    "EGP": (None, None, "Egyptian pounds"),
    "BRL": ("R$", "R$", "reais"),
    "MXN": (None, None, "pesos"),
    "NGN": (None, None, "naira"),
    "PLN": (None, None, "zlotys"),
    "MYR": ("RM", "RM", "ringgit"),
    "THB": (None, None, "baht"),
}
# rough units of local currency per US dollar, for "X yuan (US$Y)" conversions
PER_USD = {
    "CNY": 7.2,
    "KRW": 1350,
    "JPY": 150,
    "SGD": 1.35,
    "INR": 83,
    "IDR": 15600,
    "VND": 24500,
    "PHP": 56,
    "AUD": 1.5,
    "GBP": 0.79,
    "EUR": 0.92,
    "RUB": 90,
    "UAH": 40,
    "TRY": 32,
    "SAR": 3.75,
    "AED": 3.67,
    "EGP": 48,
    "BRL": 5.0,
    "MXN": 17,
    "NGN": 1500,
    "PLN": 4.0,
    "CAD": 1.36,
    "MYR": 4.7,
    "THB": 36,
    "USD": 1.0,
}

ORGS = [
    ("the United Nations", "UN", "Secretary-General"),
    ("the International Monetary Fund", "IMF", "managing director"),
    ("the World Bank", "World Bank", "president"),
    ("the World Trade Organization", "WTO", "director-general"),
    ("the Association of South-east Asian Nations", "Asean", "secretary-general"),
    ("the European Commission", "European Commission", "president"),
    ("Nato", "Nato", "secretary-general"),
    ("the African Union", "African Union", "chairperson"),
    ("the World Health Organization", "WHO", "director-general"),
    ("the International Energy Agency", "IEA", "executive director"),
]

INSTITUTES = [
    ("Institute for Maritime Affairs", "Singapore"),
    ("Centre for Pacific Strategy", "Canberra"),
    ("Harland Institute for Global Policy", "Washington"),
    ("Meridian Foundation for Asian Studies", "Tokyo"),
    ("Eastgate Centre for Security Studies", "London"),
    ("Institute of Trade and Development", "Geneva"),
    ("Northbridge Council on Foreign Relations", "New York"),
    ("Centre for Eurasian Studies", "Berlin"),
    ("Gulf Policy Forum", "Dubai"),
    ("Institute for Southern Affairs", "Johannesburg"),
    ("Riverside Centre for Energy Economics", "Houston"),
    ("Korea Institute of Regional Strategy", "Seoul"),
    ("Mekong Policy Institute", "Bangkok"),
    ("Centre for Indo-Pacific Studies", "New Delhi"),
    ("Hanseatic Institute for Economic Research", "Hamburg"),
    ("Andean Centre for Public Policy", "Lima"),
]
UNIVERSITIES = [
    "National University of Singapore",
    "Fudan University",
    "Seoul National University",
    "Keio University",
    "Georgetown University",
    "King's College London",
    "Sciences Po",
    "the University of Melbourne",
    "Jawaharlal Nehru University",
    "the University of Cape Town",
    "Chulalongkorn University",
    "Universitas Indonesia",
    "the University of Toronto",
    "Tsinghua University",
    "Yonsei University",
    "the London School of Economics",
]
ANALYST_ROLES = [
    "senior fellow",
    "research fellow",
    "director",
    "senior analyst",
    "visiting scholar",
    "associate professor",
    "chief economist",
    "programme director",
]
COMPANIES = [
    ("Orion Shipping", "shipping"),
    ("Kestrel Semiconductor", "chips"),
    ("Halden Energy", "energy"),
    ("Bluewater Ports", "ports"),
    ("Sunrise Motors", "cars"),
    ("Vantage Rail", "rail"),
    ("Crescent Petroleum Holdings", "oil"),
    ("Pacifica Telecom", "telecoms"),
    ("Northstar Pharmaceuticals", "vaccines"),
    ("Granite Steel", "steel"),
    ("Lotus Agritech", "food"),
    ("Silverline Airways", "aviation"),
]

SOCIAL = ["Weibo", "X", "Facebook", "Naver", "TikTok", "Threads", "Reddit", "LINE"]

# Outlets: name, domain, honorific ("none" | "nodot" | "dot"),
# date style ("abbr" | "abbrdot" | "dmy" | "mdy"), percent word, curly quotes, colon share,
# "said X" share, dateline style, currency style
OUTLETS: list[dict[str, Any]] = [
    dict(
        name="The Harbour Times",
        domain="harbourtimes.example",
        hon="nodot",
        dates="abbr",
        pct=" per cent",
        curly=True,
        colon=0.25,
        said_x=0.5,
        dateline="dash",
        cur="asia",
        yesterday=False,
        signup=[
            "Sign up now: Get the latest on Asia's fast-moving developments",
            "Sign up for our Asia Briefing newsletter",
        ],
        sections=["News analysis", "Asia", "World", "East Asia"],
        credits=["AFP", "REUTERS", "EPA-EFE", "AP"],
    ),
    dict(
        name="Continental Wire",
        domain="continentalwire.example",
        hon="none",
        dates="abbr",
        pct="%",
        curly=False,
        colon=0.05,
        said_x=0.1,
        dateline="wire",
        cur="us",
        yesterday=False,
        signup=[],
        sections=[],
        credits=[],
    ),
    dict(
        name="Associated Dispatch",
        domain="associateddispatch.example",
        hon="none",
        dates="abbrdot",
        pct=" percent",
        curly=False,
        colon=0.05,
        said_x=0.15,
        dateline="ap",
        cur="us",
        yesterday=False,
        signup=["Sign up for our daily newsletter."],
        sections=[],
        credits=["AD Photo"],
    ),
    dict(
        name="The Meridian Post",
        domain="meridianpost.example",
        hon="dot",
        dates="mdy",
        pct=" percent",
        curly=True,
        colon=0.1,
        said_x=0.2,
        dateline="none",
        cur="us",
        yesterday=False,
        signup=["Get the Morning Meridian newsletter in your inbox."],
        sections=["World", "Politics", "Asia Pacific"],
        credits=["Meridian Post", "Getty Images"],
    ),
    dict(
        name="Northern Chronicle",
        domain="northernchronicle.example",
        hon="none",
        dates="dmy",
        pct="%",
        curly=True,
        colon=0.5,
        said_x=0.05,
        dateline="none",
        cur="uk",
        yesterday=True,
        signup=["Sign up to First Edition, our free daily newsletter", "Sign up for our world news briefing"],
        sections=["World news", "Analysis", "Europe"],
        credits=["Reuters", "AFP/Getty Images", "EPA"],
    ),
    dict(
        name="Global Bulletin",
        domain="globalbulletin.example",
        hon="nodot",
        dates="dmy",
        pct="%",
        curly=True,
        colon=0.55,
        said_x=0.1,
        dateline="none",
        cur="uk",
        yesterday=False,
        signup=["Get our flagship newsletter with the top stories of the day."],
        sections=["World", "Asia", "Business"],
        credits=["Getty Images", "Reuters", "EPA"],
    ),
    dict(
        name="Pacific Herald",
        domain="pacificherald.example",
        hon="none",
        dates="mdy",
        pct=" per cent",
        curly=True,
        colon=0.15,
        said_x=0.3,
        dateline="none",
        cur="asia",
        yesterday=False,
        signup=["Get the latest insights and analysis from our Global Impact newsletter."],
        sections=["China", "Diplomacy", "Economy"],
        credits=["Xinhua", "AFP", "Handout"],
    ),
    dict(
        name="Gulf Monitor",
        domain="gulfmonitor.example",
        hon="nodot",
        dates="mdy",
        pct=" per cent",
        curly=False,
        colon=0.3,
        said_x=0.4,
        dateline="dash",
        cur="asia",
        yesterday=True,
        signup=["Follow us on our WhatsApp channel for the latest news"],
        sections=["Region", "World", "Business"],
        credits=["WAM", "AFP", "Supplied"],
    ),
    dict(
        name="Eastern Ledger",
        domain="easternledger.example",
        hon="none",
        dates="abbrdot",
        pct=" percent",
        curly=False,
        colon=0.1,
        said_x=0.2,
        dateline="none",
        cur="us",
        yesterday=False,
        signup=["Subscribe to our morning briefing"],
        sections=["National", "Politics"],
        credits=["Kyodo", "Bloomberg"],
    ),
    dict(
        name="Capital Observer",
        domain="capitalobserver.example",
        hon="dot",
        dates="abbrdot",
        pct=" percent",
        curly=True,
        colon=0.1,
        said_x=0.1,
        dateline="none",
        cur="us",
        yesterday=False,
        signup=["Sign up for the Observer's Foreign Affairs email"],
        sections=["Foreign Policy", "Trade"],
        credits=["Observer staff", "Getty Images"],
    ),
    dict(
        name="Southern Cross Review",
        domain="southerncrossreview.example",
        hon="nodot",
        dates="dmy",
        pct=" per cent",
        curly=True,
        colon=0.3,
        said_x=0.2,
        dateline="none",
        cur="asia",
        yesterday=False,
        signup=["Get the day's breaking news, entertainment ideas and a long read sent to your inbox."],
        sections=["World", "Federal politics", "Business"],
        credits=["AAP", "Getty", "Bloomberg"],
    ),
    dict(
        name="Atlas Daily",
        domain="atlasdaily.example",
        hon="nodot",
        dates="mdy",
        pct=" per cent",
        curly=False,
        colon=0.2,
        said_x=0.35,
        dateline="dash",
        cur="asia",
        yesterday=True,
        signup=["Join our WhatsApp channel for the latest updates"],
        sections=["World", "Nation", "Business"],
        credits=["PTI", "ANI", "File photo"],
    ),
]

WIRE_OUTLETS = (1, 2)

# Topics: key (what a /timeline user types), noun phrase, leader or minister level, headline, lede and
# development templates; slots in braces are filled lazily (see _Slots).
TOPICS: list[dict[str, Any]] = [
    dict(
        key="summit",
        np="the summit",
        level="leaders",
        areas=["trade", "security", "supply chains", "tourism"],
        heads=[
            "{Aadj} and {Badj} leaders hold summit in {city}",
            "{A}, {B} pledge closer ties at {city} summit",
            "{P1name} and {P2name} meet for second summit in months",
            "What the {city} summit means for the region",
        ],
        ledes=[
            "{P1} and {P2} met in {city} {ev}, pledging to deepen cooperation on {area} "
            "at their first summit in {gap}.",
            "{P1} hosted {P2} for talks in {city} {ev}, the first visit by a {Badj} leader "
            "to {A} since {pyear}.",
            "The leaders of {A} and {B} agreed {ev} to restore regular exchanges, as {P1} and {P2} sought to "
            "put years of frosty ties behind them.",
        ],
        dev=[
            "The two leaders witnessed the signing of {count_agreements} covering {area}, {area2} and "
            "{area3}.",
            "{P2s} arrived in {city} {ev_arrive} for a {dur_days} state visit, the first "
            "since taking office.",
            "The summit came {gap_after} after the pair met on the sidelines of a regional "
            "forum in {pmonth}.",
            "Officials said the leaders also discussed {area2} and agreed to set up a hotline.",
            'A joint statement issued after the meeting said both sides would "work towards" a free trade '
            "agreement by {fut_year}.",
        ],
    ),
    dict(
        key="trade talks",
        np="the trade talks",
        level="Trade Minister",
        areas=["tariffs", "market access", "digital trade", "agriculture"],
        heads=[
            "{A} and {B} resume trade talks",
            "Trade talks between {A} and {B} end without deal",
            "{Aadj} trade envoy upbeat after {city} talks",
            "{A}, {B} edge closer to trade pact",
        ],
        ledes=[
            "Trade negotiators from {A} and {B} wrapped up {dur_days} talks in {city} {ev}, saying they had "
            "narrowed differences over {area}.",
            '{P1} said {ev} that talks with {B} on {area} had made "real progress", but no deal was signed.',
        ],
        dev=[
            "Two-way trade between the countries reached {money_big} in {pyear}, according to official data.",
            "The next round of talks is scheduled for {fut_range} in {Bcap}.",
            "{Aadj} exports to {B} fell {pct} in the first nine months of the year.",
            "Negotiators have met {count_rounds} since the talks were launched in {pyear}.",
        ],
    ),
    dict(
        key="tariffs",
        np="the tariff dispute",
        level="Trade Minister",
        areas=["steel", "electric vehicles", "solar panels", "semiconductors", "farm goods"],
        heads=[
            "{A} slaps tariffs on {Badj} {area}",
            "{B} vows to retaliate over {Aadj} tariffs",
            "Tariff row between {A} and {B} deepens",
        ],
        ledes=[
            "{A} will impose tariffs of {pct} on imports of {Badj} {area} from {fut_day}, the government "
            "said {ev}, escalating a dispute that has simmered since {pyear}.",
            "{B} said {ev} it would retaliate against {Aadj} tariffs on {area}, raising the prospect of a "
            "wider trade war.",
        ],
        dev=[
            "The measures affect goods worth about {money_big} a year.",
            "{Badj} officials said they would file a complaint with the World Trade "
            "Organization {fut_month}.",
            "Shares of {company} fell {pct} in {Bcap} trading {ev}.",
            "The tariffs will rise to {pct2} in {fut_month_bare} unless a deal is reached.",
        ],
    ),
    dict(
        key="military drills",
        np="the drills",
        level="Defence Minister",
        areas=["naval", "air defence", "amphibious", "live-fire"],
        heads=[
            "{A} launches {area} drills near disputed waters",
            "{B} protests over {Aadj} military drills",
            "{A} and {C} begin joint exercises",
        ],
        ledes=[
            "{A} began {dur_days} {area} drills {ev}, deploying {count_ships} and {count_troops} in "
            "an exercise that {B} called provocative.",
            "{Badj} Defence Ministry said {ev} it had tracked {count_aircraft} taking part in {Aadj} drills "
            "near its territorial waters.",
        ],
        dev=[
            "The exercises are due to end {fut_day}.",
            "Similar drills in {pmonth} drew sharp criticism from {B} and its allies.",
            "{A} raised its defence budget by {pct} this year to {money_big}.",
            "The drills involve {count_troops} and {count_ships}, the military said in a statement.",
        ],
    ),
    dict(
        key="election",
        np="the election",
        level="leaders",
        areas=["the economy", "corruption", "immigration", "housing costs"],
        heads=[
            "{Aadj} voters head to the polls",
            "{P1name} claims victory in {Aadj} election",
            "{Aadj} election campaign enters final week",
            "Polls tighten ahead of {Aadj} vote",
        ],
        ledes=[
            "{Aadj} voters will go to the polls {fut_day} in an election dominated by {area}, with {P1} "
            "seeking a second term.",
            "{P1} claimed victory in {A}'s general election {ev}, with official results showing his party "
            "winning {pct} of the vote.",
        ],
        dev=[
            "Turnout was {pct}, the election commission said.",
            "The electoral roll lists {count_voters}.",
            "Official results are expected {fut_day}.",
            "The last election, in {pyear}, was marred by allegations of vote-buying.",
        ],
    ),
    dict(
        key="sanctions",
        np="the sanctions",
        level="Foreign Minister",
        areas=["banks", "oil exports", "shipping firms", "technology exports"],
        heads=[
            "{A} announces new sanctions on {B}",
            "{B} condemns {Aadj} sanctions as illegal",
            "Fresh sanctions target {Badj} {area}",
        ],
        ledes=[
            "{A} announced sanctions {ev} on {count_entities} in {B}, targeting {area} in response to what "
            "it called a pattern of aggression.",
            "{B} on {ev_bare} condemned new {Aadj} sanctions on its {area} and vowed to respond.",
        ],
        dev=[
            "The sanctions freeze assets worth an estimated {money_big}.",
            "The measures take effect {fut_day}.",
            "{A} first imposed sanctions on {B} in {pyear}.",
            "{company} said it was studying the impact of the measures on its business.",
        ],
    ),
    dict(
        key="ceasefire talks",
        np="the ceasefire talks",
        level="Foreign Minister",
        areas=["prisoner exchanges", "humanitarian corridors", "border security", "troop withdrawals"],
        heads=[
            "Ceasefire talks resume in {city}",
            "Hopes rise for ceasefire after {city} talks",
            "Mediators push for truce deal",
        ],
        ledes=[
            "Mediators from {A} hosted a new round of ceasefire talks in {city} {ev}, with negotiators "
            "discussing {area} and a timetable for a truce.",
            "Ceasefire talks in {city} ended {ev} without agreement, but both delegations said they would "
            "return {fut_week}.",
        ],
        dev=[
            "The fighting has killed {count_people} since it broke out in {pyear}.",
            "An earlier truce agreed in {pmonth} collapsed within days.",
            "Aid agencies say {count_people} need food assistance.",
            "The talks are expected to resume {fut_range}.",
        ],
    ),
    dict(
        key="investment pact",
        np="the investment agreement",
        level="Finance Minister",
        areas=["infrastructure", "green energy", "data centres", "manufacturing"],
        heads=[
            "{A} and {B} sign {money_head} investment pact",
            "{Aadj} firms pledge billions for {B}",
            "{B} woos {Aadj} investors with tax breaks",
        ],
        ledes=[
            "{A} and {B} signed an investment agreement worth {money_big} {ev}, with {Aadj} companies "
            "pledging to build {area} projects over {dur_years}.",
            "{Aadj} companies will invest {money_big} in {Badj} {area} under a deal announced {ev}.",
        ],
        dev=[
            "The first projects are due to break ground in {fut_month_bare}.",
            "{company} will invest {money} in a plant that is expected to create {count_jobs}.",
            "Foreign direct investment into {B} rose {pct} last year.",
            "The agreement runs until {fut_year} and can be extended.",
        ],
    ),
    dict(
        key="energy deal",
        np="the energy deal",
        level="Energy Minister",
        areas=["liquefied natural gas", "crude oil", "nuclear power", "hydrogen"],
        heads=[
            "{A} signs long-term {area} deal with {B}",
            "{B} to supply {A} with {area} until {fut_year}",
            "Energy deal with {B} eases {Aadj} supply fears",
        ],
        ledes=[
            "{A} signed a {dur_years_adj} deal {ev} to buy {area} from {B}, securing supplies as prices "
            "remain volatile.",
            "{Badj} state energy firm agreed {ev} to supply {count_tonnes} of {area} a year to {A} from "
            "{fut_year}.",
        ],
        dev=[
            "Deliveries are due to start in {fut_month_bare}.",
            "The deal is valued at about {money_big}.",
            "{A} imports {pct} of its energy needs.",
            "Energy prices rose {pct} in {pmonth_bare}, official data showed.",
        ],
    ),
    dict(
        key="maritime incident",
        np="the incident",
        level="Foreign Minister",
        areas=["coast guard", "fishing", "survey", "naval"],
        heads=[
            "{A} accuses {B} of ramming {area} vessel",
            "{B} summons {Aadj} envoy over sea clash",
            "Tensions flare after collision at sea",
        ],
        ledes=[
            "{A} accused {B} {ev} of ramming one of its {area} vessels near a disputed shoal, injuring "
            "{count_crew}.",
            "{B} summoned {A}'s ambassador {ev} after a collision between their {area} vessels in disputed "
            "waters.",
        ],
        dev=[
            "It was the {nth} such incident this year.",
            "The vessel was {count_nm} off the coast when the collision happened {time_of_day}.",
            "{A} said it would lodge a diplomatic protest.",
            "Video released by the coast guard showed the two ships {count_m} apart.",
        ],
    ),
    dict(
        key="state visit",
        np="the visit",
        level="leaders",
        areas=["defence", "education", "culture", "trade"],
        heads=[
            "{P2name} begins state visit to {A}",
            "{P1name} rolls out red carpet for {Badj} leader",
            "{Badj} leader in {city} for {dur_days} visit",
        ],
        ledes=[
            "{P2} arrived in {city} {ev} for a {dur_days} state visit aimed at boosting ties in {area}.",
            "{P1} welcomed {P2} to {city} {ev} at the start of a state visit that both sides hailed as a "
            "milestone.",
        ],
        dev=[
            "The visit, which ends {fut_day}, is the first by a {Badj} head of state in {gap}.",
            "The two sides are expected to sign {count_agreements}.",
            "{P2s} will also visit {company}'s plant outside {city}.",
            "The leaders last met in {pmonth}.",
        ],
    ),
    dict(
        key="debt talks",
        np="the debt talks",
        level="Finance Minister",
        areas=["debt restructuring", "bailout", "credit line", "currency swap"],
        heads=[
            "{A} reaches deal with creditors",
            "IMF backs {Aadj} {area} plan",
            "{A} seeks {money_head} from lenders",
        ],
        ledes=[
            "{A} reached a preliminary agreement with creditors {ev} on {area} of {money_big}, the finance "
            "ministry said.",
            "{A} asked the International Monetary Fund {ev} for a {area} worth {money_big}.",
        ],
        dev=[
            "Inflation hit {pct} in {pmonth_bare}, the highest in {gap}.",
            "The board of the fund is expected to approve the deal {fut_month}.",
            "{A}'s currency has lost {pct} of its value against the dollar this year.",
            "The agreement must be approved by parliament by {fut_day_bare}.",
        ],
    ),
    dict(
        key="chip controls",
        np="the export controls",
        level="Trade Minister",
        areas=["advanced chips", "chipmaking tools", "rare earths", "gallium"],
        heads=[
            "{A} tightens curbs on {area} exports",
            "{B} hits back at {Aadj} export controls",
            "New export rules put {company} in a bind",
        ],
        ledes=[
            "{A} announced new restrictions {ev} on exports of {area} to {B}, citing national security.",
            "{B} said {ev} it would restrict exports of {area}, in a move seen as retaliation against {Aadj} "
            "curbs.",
        ],
        dev=[
            "The rules take effect on {fut_day_bare}.",
            "{company} said the controls could cut its annual revenue by {money}.",
            "{B} accounts for {pct} of global output of {area}.",
            "Shares of chipmakers fell {pct} in {Acap} {ev}.",
        ],
    ),
    dict(
        key="climate talks",
        np="the climate talks",
        level="Energy Minister",
        areas=["emissions cuts", "climate finance", "coal phase-out", "deforestation"],
        heads=[
            "Climate talks in {city} stall over {area}",
            "{A} pledges {money_head} in climate finance",
            "Deal on {area} within reach, says host",
        ],
        ledes=[
            "Negotiators from {count_countries} gathered in {city} {ev} for climate talks focused on {area}.",
            "{A} pledged {money_big} in climate finance {ev}, as talks in {city} entered their final days.",
        ],
        dev=[
            "The talks are scheduled to end {fut_day}.",
            "Global emissions rose {pct} last year, according to the International Energy Agency.",
            "The last round, in {pmonth}, ended without a deal on {area}.",
            "Developing countries say they need {money_big} a year by {fut_year}.",
        ],
    ),
    dict(
        key="port deal",
        np="the port deal",
        level="Trade Minister",
        areas=["container terminal", "deep-sea port", "logistics hub", "shipyard"],
        heads=[
            "{company} wins {city} {area} contract",
            "{B} hands {Aadj} firm control of {area}",
            "Port deal sparks security concerns",
        ],
        ledes=[
            "{company} signed a {dur_years_adj} concession {ev} to run a {area} in {B}, in a deal worth "
            "{money_big}.",
            "{Badj} lawmakers questioned {ev} a deal giving an {Aadj} company control of a {area}.",
        ],
        dev=[
            "Construction is due to be completed by {fut_year}.",
            "The terminal will handle {count_teu} a year.",
            "Port traffic rose {pct} in the first half of the year.",
            "The concession was first offered to bidders in {pyear}.",
        ],
    ),
]

DIRECT_QUOTES = [
    "We will not accept any attempt to change the status quo by force.",
    "This is a new chapter in the relationship between our two countries.",
    "The door to dialogue remains open, but dialogue cannot be one-sided.",
    "Our priority is to protect the livelihoods of ordinary people.",
    "We have made real progress, but there is still work to be done.",
    "Nobody wins a trade war.",
    "The timing is no coincidence.",
    "We are ready to respond with all necessary measures.",
    "This agreement will create jobs and bring investment to our regions.",
    "Trust is built step by step, and today we took an important step.",
    "The region cannot afford another crisis.",
    "We hope {B} will make the right choice.",
    "Engagement brings results; confrontation brings isolation.",
    "I am confident that we will reach an agreement before the end of the year.",
    "There is no military solution to this conflict.",
    "Our message to {B} is simple: respect the rules that everyone else follows.",
    "These measures are unfair, unjustified and will hurt consumers in both countries.",
    "We are not looking for confrontation, but we will defend our interests.",
    "Markets have already priced in much of this.",
    "It is a pragmatic decision, not an ideological one.",
    "What matters now is implementation.",
    "The numbers speak for themselves.",
    "We welcome any effort that brings the parties back to the table.",
    "This is about energy security for the next generation.",
    "Nobody should underestimate the resolve of the {Aadj} people.",
    "We are deeply concerned by the latest developments.",
    "Both sides have an interest in keeping the temperature down.",
    "The relationship has been through difficult times, but it has never been more important.",
    "We call on all parties to exercise restraint.",
    "If they want to talk, we are ready to talk.",
    "The investment shows that {B} remains open for business.",
    "Small countries cannot afford to choose sides.",
    "Is this really the message they want to send?",
    "We will keep working until every last detail is settled!",
    "Our farmers should not pay the price for a dispute they did not start.",
    "The photo-taking was the easy part.",
    "There will be no compromise on sovereignty.",
    "This is the beginning, not the end, of the process.",
    "History will judge us by what we do next.",
    "The world is watching.",
]
DIRECT_FOLLOWUPS = [
    "We expect the other side to honour its commitments.",
    "That is why we are here.",
    "The next few weeks will be crucial.",
    "I think both leaders understand that.",
    "We have said this many times before.",
    "It is in nobody's interest to let this drag on.",
    "There is a lot of goodwill on both sides.",
    "We will see what happens at the next meeting.",
    "Our people deserve better.",
    "That is the reality we face.",
]
PARTIAL_FRAGS = [
    "a new chapter",
    "no coincidence",
    "unmistakably directed at {B}",
    "a turning point",
    "historic",
    "deeply regrettable",
    "an act of economic coercion",
    "constructive and candid",
    "the most important relationship in the region",
    "a step in the right direction",
    "unacceptable",
    "a win-win outcome",
    "irresponsible and dangerous",
    "long overdue",
    "a wake-up call",
    "full-scale restoration",
    "a major breakthrough",
    "the right thing to do",
    "premature",
    "encouraging",
]
PARTIAL_VERBS = [
    "deepen mutual trust",
    "conduct more frequent exchanges and closer communication",
    "defend its legitimate rights",
    "take firm countermeasures",
    "keep the channels of communication open",
    "resolve differences through dialogue",
    "stand by its commitments",
    "protect its sovereignty",
    "work towards lasting peace",
    "build a future of shared prosperity",
]
INDIRECT_CLAUSES = [
    "the two sides had agreed to meet again {fut}",
    "{A} would not back down in the face of pressure",
    "the talks had been frank and productive",
    "{B} had yet to respond to the proposal",
    "the government was studying the impact of the measures",
    "there was no timetable for a deal",
    "the decision had been taken after months of consultations",
    "both sides wanted to avoid an escalation",
    "{A} remained committed to a rules-based order",
    "the economy would grow by {pct} this year",
    "the agreement would be reviewed in {fut_year}",
    "more talks would be needed before a deal could be signed",
    "{A} was ready to work with any government in {B}",
    "he expected the next round of negotiations to be difficult",
    "the visit showed how far relations had come since {pyear}",
    "the sanctions had done little to change {B}'s behaviour",
    "it was too early to say whether the truce would hold",
    "the two countries shared a strong interest in stability",
    "investors were worried about the lack of clarity",
    "the issue would top the agenda when ministers meet {fut}",
]
UNNAMED = [
    "one official, who spoke on condition of anonymity",
    "a diplomat familiar with the talks",
    "a senior government source",
    "one Western diplomat",
    "a person with knowledge of the matter",
    "an industry executive who declined to be named",
    "officials",
    "analysts",
    "one analyst",
    "a spokesperson for the ministry",
    "two people briefed on the discussions",
    "one resident",
]
NETIZEN_QUOTES = [
    "Finally some good news!",
    "Who is paying for all this?",
    "I will believe it when I see it.",
    "Best photo of the year.",
    "Same story every year.",
    "This is what diplomacy should look like.",
    "Prices are already too high.",
    "Let's hope it lasts this time.",
]
BACKGROUND = [
    "Relations between {A} and {B} have been strained since {pyear}, when a row "
    "over {area} led to a freeze in high-level contacts.",
    "{A} is {B}'s {nth_partner} trading partner, with two-way trade worth {money_big} last year.",
    "The dispute has rattled markets across the region, with the {Aadj} currency "
    "falling {pct} against the dollar since {pmonth}.",
    "The areas affected are home to {count_people}, according to government figures.",
    "The two countries established diplomatic relations in {pyear_old}.",
    "{A} has long sought a bigger role in regional affairs, and has stepped up its diplomacy {since_ref}.",
    "The issue is expected to feature at a regional summit in {fut_month_bare}.",
    "{B}'s economy grew {pct} in the third quarter, slower than expected.",
    "Tourist arrivals from {A} to {B} have recovered to about {pct} of pre-pandemic levels.",
    "{A} has deployed {count_troops} to the area, according to estimates by independent monitors.",
    "In {pyear}, a similar dispute was resolved after {dur_months} of negotiations.",
    "Polls show {pct} of {Aadj} voters support a tougher stance on {B}.",
    "The government has set aside {money} for affected businesses.",
    "{company}, which employs {count_staff} in {B}, has said it is monitoring the situation closely.",
    "Diplomats say a deal is unlikely before {fut_month_bare}.",
    "The previous round of talks, held in {Bcap} {past_week}, ended without a joint statement.",
    "{A} and {B} held their last high-level dialogue {past_month}.",
    "Officials from both countries are expected to meet again {fut_range}.",
    "{Aadj} media reported {past_rel} that the two leaders could meet {fut_range}, "
    "but there has been no official confirmation.",
    "According to {Badj} newspaper reports, {A} is considering a package worth "
    "{money_big}, although officials have not confirmed the figure.",
    "State media said {ev_rel} that {count_people} had been evacuated.",
    "The meeting will take place {fut_time} {fut_day}, a ministry statement said.",
    "{A}'s parliament is due to vote on the measure {fut_week}.",
    "The central bank left interest rates unchanged at {pct_rate} {past_week}.",
    "Talks have been held every {dur_months_each} since {pyear}.",
    "The ministry said it would publish details {fut_quarter}.",
    "The agreement, first proposed in {pmonth}, took {dur_months} to negotiate.",
    "Earlier this month, {A} hosted a forum attended by {count_delegates}.",
]
ANALYST_VIEWS = [
    "the move was aimed as much at domestic audiences as at {B}",
    "{A} was using the talks to signal that it had options beyond its traditional partners",
    "the agreement would face a difficult test when it came to implementation",
    "{B} was unlikely to make concessions before its own elections",
    "markets had largely shrugged off the announcement",
    "the timing suggested {A} wanted to shape the agenda ahead of the next summit",
    "the dispute could drag on for months",
    "smaller countries in the region would be watching closely",
    "the figures understated the real cost to exporters",
    "the visit was a classic exercise in hedging",
]
CAPTIONS = [
    "{P1name} (left) shaking hands with {P2name} in {city} on {ev_date}.",
    "{P1name} (right) and {P2name} at a news conference in {city} on {ev_date}.",
    "Delegates arriving for the talks in {city}.",
    "Protesters outside the {Badj} embassy in {Acap}.",
    "A container ship at a port in {Bcap}.",
    "Soldiers taking part in an exercise near {city} on {ev_date}.",
    "{P2name} (centre) speaking to reporters in {city}.",
]
SUBHEADS = [
    "A delicate balance",
    "Mixed signals",
    "What comes next",
    "Markets react",
    "The bigger picture",
    "Old rivals",
    "Domestic pressure",
    "Regional fallout",
    "A long road",
    "Seoul versus Tokyo",
    "Cautious optimism",
    "Winners and losers",
]
REPORTERS = [
    "Jane Tan",
    "Lim Wei Ling",
    "Michael Ostrowski",
    "Priya Raman",
    "Tom Ellery",
    "Hannah Koh",
    "Daniel Okoro",
    "Sofia Marin",
    "Kenji Mori",
    "Aisha Rahman",
    "Peter Lund",
    "Grace Liu",
]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTH_ABBR = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
MONTH_AP = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh"]


# --------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A named person the corpus quotes: canonical name, surname, role and country."""

    name: str
    surname: str
    gender: str  # "m" | "f"
    kind: str  # "leader" | "minister" | "spokes" | "analyst" | "exec" | "intl"
    role: str
    country: str  # ISO code, "" for international officials
    org: str = ""  # institute, company or international organisation
    title: str = ""  # "Dr" | "Prof" | ""
    adj: str = ""  # "South Korean"


def _make_name(rng: random.Random, culture: str, gender: str) -> tuple[str, str]:
    males, females, surnames, surname_first = NAMES[culture]
    given = rng.choice(males if gender == "m" else females)
    surname = rng.choice(surnames)
    return (f"{surname} {given}" if surname_first else f"{given} {surname}"), surname


def build_people(seed: int = 20260101) -> list[Person]:
    """The cast: leaders and ministers of every country, spokespeople, analysts, executives, officials."""
    rng = random.Random(seed)
    people: list[Person] = []
    used: set[str] = set()

    def add(culture: str, **kw: str) -> None:
        for _ in range(50):
            gender = "f" if rng.random() < 0.35 else "m"
            name, surname = _make_name(rng, culture, gender)
            if name not in used:
                used.add(name)
                people.append(Person(name=name, surname=surname, gender=gender, **kw))
                return

    for code, _name, adj, _cap, culture, _cur, leaders in COUNTRIES:
        for role in leaders:
            add(culture, kind="leader", role=role, country=code, adj=adj)
        for role in MINISTER_ROLES:
            if code == "US":
                role = US_ROLES[role]
            elif code == "GB":
                role = GB_ROLES.get(role, role)
            add(culture, kind="minister", role=role, country=code, adj=adj)
        add(culture, kind="spokes", role="foreign ministry spokesperson", country=code, adj=adj)
        add(culture, kind="minister", role="ambassador to the United Nations", country=code, adj=adj)
    cultures = list(NAMES)
    for i in range(90):
        inst, _city = INSTITUTES[i % len(INSTITUTES)]
        if i % 3 == 2:
            org, title = UNIVERSITIES[i % len(UNIVERSITIES)], "Prof"
            role = "professor of international relations"
        else:
            org, title = inst, ("Dr" if i % 2 == 0 else "")
            role = ANALYST_ROLES[i % len(ANALYST_ROLES)]
        add(cultures[i % len(cultures)], kind="analyst", role=role, country="", org=org, title=title)
    for i in range(36):
        comp, _sector = COMPANIES[i % len(COMPANIES)]
        role = ["chief executive", "chairman", "chief financial officer"][i // len(COMPANIES)]
        add(cultures[(i * 7) % len(cultures)], kind="exec", role=role, country="", org=comp)
    for i, (_long, short, role) in enumerate(ORGS):
        add(cultures[(i * 5 + 3) % len(cultures)], kind="intl", role=role, country="", org=short)
    return people


PEOPLE: list[Person] = build_people()
_BY_COUNTRY: dict[str, dict[str, list[Person]]] = {}
for _p in PEOPLE:
    if _p.country:
        _BY_COUNTRY.setdefault(_p.country, {}).setdefault(_p.kind, []).append(_p)
ANALYSTS = [p for p in PEOPLE if p.kind == "analyst"]
EXECS = [p for p in PEOPLE if p.kind == "exec"]
INTL = [p for p in PEOPLE if p.kind == "intl"]
_COUNTRY = {c[0]: c for c in COUNTRIES}


def _minister(code: str, role: str) -> Person:
    wanted = role if code not in ("US", "GB") else (US_ROLES if code == "US" else GB_ROLES).get(role, role)
    for p in _BY_COUNTRY[code]["minister"]:
        if p.role == wanted:
            return p
    return _BY_COUNTRY[code]["minister"][0]


# --------------------------------------------------------------------------------------------
# Stories
# --------------------------------------------------------------------------------------------


@dataclass
class Story:
    """One event covered by several outlets over a few days."""

    sid: int
    day: date
    topic: dict[str, Any]
    a: CountryRow
    b: CountryRow
    c: CountryRow
    city: str
    p1: Person
    p2: Person
    spokes: Person
    analysts: list[Person]
    company: str
    exec_: Person
    area: str
    outlets: list[int]
    size: int
    span: int
    busy: bool
    fut: date = field(default=date(2000, 1, 1))
    past: date = field(default=date(2000, 1, 1))
    pyear: int = 2000
    nums: dict[str, float] = field(default_factory=dict)


def _phi_day(s: int, days: int) -> int:
    # A low-discrepancy sequence: any prefix of the stories covers the whole year evenly.
    return int(((s * 0.6180339887498949) % 1.0) * days)


class Corpus:
    """A deterministic corpus of ``n`` articles over ``days`` days from ``start``, generated on demand.

    ``busy_day`` receives about 2 % of the articles (a big summit day) on top of its normal share.
    """

    BUSY_EVERY = 70  # one story in 70 happens on the busy day: ~2,000 articles that day for 100,000

    def __init__(self, n: int, seed: int = 7, start: date = date(2025, 12, 1), days: int = 365) -> None:
        self.n = n
        self.seed = seed
        self.start = start
        self.days = days
        busy = start + timedelta(days=days // 2)
        # make the busy day a Tuesday, summit days rarely fall on weekends
        self.busy_day = busy + timedelta(days=(1 - busy.weekday()) % 7)
        self._starts: list[int] = []
        self._stories: dict[int, Story] = {}
        total = 0
        s = 0
        while total < n:
            self._starts.append(total)
            total += self._story_size(s)
            s += 1

    def _story_size(self, s: int) -> int:
        r = random.Random(self.seed * 1_000_003 + s * 7 + 1)
        if s % self.BUSY_EVERY == 0:
            return r.choice((4, 6, 8, 10, 12))
        return r.choice((1, 2, 3, 4, 4, 5, 6, 6, 7, 8, 9, 10, 12, 14))

    def __len__(self) -> int:
        return self.n

    @property
    def stories(self) -> int:
        """How many stories the corpus's articles belong to."""
        return len(self._starts)

    def story(self, s: int) -> Story:
        """The story with index ``s`` (built once and cached)."""
        st = self._stories.get(s)
        if st is not None:
            return st
        r = random.Random(self.seed * 1_000_003 + s * 7 + 2)
        busy = s % self.BUSY_EVERY == 0
        day = self.busy_day if busy else self.start + timedelta(days=_phi_day(s, self.days))
        topic = r.choice(TOPICS)
        ca, cb, cc = r.sample(COUNTRIES, 3)
        city = r.choice((ca[3], ca[3], cb[3]))
        if topic["level"] == "leaders":
            p1, p2 = r.choice(_BY_COUNTRY[ca[0]]["leader"]), r.choice(_BY_COUNTRY[cb[0]]["leader"])
        else:
            p1, p2 = _minister(ca[0], topic["level"]), _minister(cb[0], topic["level"])
        if r.random() < 0.15:
            p2 = r.choice(INTL)
        comp = r.choice(COMPANIES)[0]
        exec_ = next((p for p in EXECS if p.org == comp), EXECS[0])
        size = (
            self._starts[s + 1] - self._starts[s] if s + 1 < len(self._starts) else self.n - self._starts[s]
        )
        st = Story(
            sid=s,
            day=day,
            topic=topic,
            a=ca,
            b=cb,
            c=cc,
            city=city,
            p1=p1,
            p2=p2,
            spokes=_BY_COUNTRY[cb[0]]["spokes"][0],
            analysts=r.sample(ANALYSTS, 3),
            company=comp,
            exec_=exec_,
            area=r.choice(topic["areas"]),
            outlets=r.sample(range(len(OUTLETS)), len(OUTLETS)),
            size=size,
            span=0 if busy else r.choice((0, 1, 1, 2, 3, 4, 6)),
            busy=busy,
        )
        st.fut = day + timedelta(days=r.randint(3, 150))
        st.past = day - timedelta(days=r.randint(20, 300))
        st.pyear = day.year - r.choice((1, 2, 3, 4, 6, 8, 9))
        st.nums = {
            "money": r.choice((1.2, 2.5, 4.8, 12, 30, 45, 120, 300, 650)),
            "money_scale": r.choice((1e6, 1e9, 1e9, 1e9)),
            "pct": r.choice((2.4, 5, 8.7, 12, 15, 25, 34)),
        }
        if len(self._stories) > 4096:
            self._stories.clear()
        self._stories[s] = st
        return st

    def story_of(self, i: int) -> tuple[int, int]:
        """(story index, position within the story) of article ``i``."""
        s = bisect.bisect_right(self._starts, i) - 1
        return s, i - self._starts[s]

    def article(self, i: int) -> Article:
        """Article number ``i`` (0 <= i < n)."""
        if not 0 <= i < self.n:
            raise IndexError(i)
        s, j = self.story_of(i)
        st = self.story(s)
        rng = random.Random(self.seed * 2_000_029 + i)
        offset = 0 if j < 2 or st.span == 0 else min(st.span, rng.randint(0, st.span))
        pub = st.day + timedelta(days=offset)
        outlet_i = st.outlets[j % len(st.outlets)]
        syndicated = j >= 2 and rng.random() < 0.08 and outlet_i not in WIRE_OUTLETS
        if syndicated:
            # a wire story run by another outlet: the wire body under that outlet's furniture
            wire_rng = random.Random(self.seed * 3_000_017 + s)
            body_style = OUTLETS[WIRE_OUTLETS[s % 2]]
            pub = st.day
            title, paras = _Writer(wire_rng, body_style, st, pub, wire_copy=True).write()
            paras = _wrap_syndicated(rng, OUTLETS[outlet_i], body_style, paras)
        else:
            title, paras = _Writer(rng, OUTLETS[outlet_i], st, pub).write()
        outlet = OUTLETS[outlet_i]
        sep = "\n\n" if outlet_i % 3 == 0 else "\n"
        slug = "-".join(title.lower().replace(",", "").replace("'", "").split()[:8])
        url = f"https://www.{outlet['domain']}/{pub:%Y/%m/%d}/{slug}-{i}"
        return Article(
            title=title,
            text=sep.join(paras),
            url=url,
            source=outlet["name"],
            published=pub,
            origin=f"bench:{self.seed}:{i}",
        )

    def __iter__(self) -> Iterator[Article]:
        return self.articles()

    def articles(self, start: int = 0, stop: int | None = None) -> Iterator[Article]:
        """Stream articles ``start`` to ``stop`` (default: all)."""
        for i in range(start, self.n if stop is None else min(stop, self.n)):
            yield self.article(i)

    def day_counts(self) -> dict[date, int]:
        """Articles per publication day (computed without writing the texts)."""
        counts: dict[date, int] = {}
        for i in range(self.n):
            s, j = self.story_of(i)
            st = self.story(s)
            rng = random.Random(self.seed * 2_000_029 + i)
            offset = 0 if j < 2 or st.span == 0 else min(st.span, rng.randint(0, st.span))
            pub = st.day + timedelta(days=offset)
            outlet_i = st.outlets[j % len(st.outlets)]
            if j >= 2 and rng.random() < 0.08 and outlet_i not in WIRE_OUTLETS:
                pub = st.day
            counts[pub] = counts.get(pub, 0) + 1
        return counts


def generate_articles(
    n: int, seed: int = 7, start: date = date(2025, 12, 1), days: int = 365
) -> Iterator[Article]:
    """Stream ``n`` articles of a seeded corpus (see :class:`Corpus`)."""
    yield from Corpus(n, seed=seed, start=start, days=days)


def _wrap_syndicated(
    rng: random.Random, outlet: dict[str, Any], wire: dict[str, Any], paras: list[str]
) -> list[str]:
    body = [p for p in paras if not p.startswith("Reporting by")]
    head = [rng.choice(outlet["sections"])] if outlet["sections"] else []
    tail = [f"Reporting by {wire['name']}"]
    if outlet["signup"]:
        body.insert(min(3, len(body)), rng.choice(outlet["signup"]))
    return head + body + tail


# --------------------------------------------------------------------------------------------
# Writing one article
# --------------------------------------------------------------------------------------------


class _Slots(dict[str, str]):
    """Template slots computed when a template uses them (so a mention counts only if written)."""

    def __init__(self, w: _Writer) -> None:
        super().__init__()
        self.w = w

    def __missing__(self, key: str) -> str:
        return self.w.slot(key)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _num_words(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else f"{n:,}"


class _Writer:
    def __init__(
        self, rng: random.Random, style: dict[str, Any], st: Story, pub: date, *, wire_copy: bool = False
    ) -> None:
        self.r = rng
        self.s = style
        self.st = st
        self.pub = pub
        self.wire_copy = wire_copy
        self.seen: set[str] = set()
        self.slots = _Slots(self)
        self.oq, self.cq = ("\u201c", "\u201d") if style["curly"] else ('"', '"')
        self.last_speaker: Person | None = None
        self.used_templates: set[str] = set()

    # ---- names -------------------------------------------------------------------------------
    def short(self, p: Person) -> str:
        hon = self.s["hon"]
        if hon == "none":
            return p.surname
        t = p.title or ("Ms" if p.gender == "f" else "Mr")
        if (
            p.kind == "leader"
            and p.role in ("President", "Prime Minister", "Chancellor")
            and self.r.random() < 0.2
        ):
            t = p.role
        return f"{t}. {p.surname}" if hon == "dot" and t in ("Mr", "Ms", "Dr") else f"{t} {p.surname}"

    def full(self, p: Person) -> str:
        r = self.r
        if p.kind in ("leader", "minister"):
            c = _COUNTRY[p.country]
            if p.role.startswith("ambassador"):
                return f"{c[2]} {p.role} {p.name}"
            form = r.random()
            if form < 0.6:
                return f"{c[2]} {p.role} {p.name}"
            if form < 0.8:
                return f"{_cap(c[1]) if not c[1].startswith('the ') else c[1]}'s {p.role.lower()} {p.name}"
            return f"{c[2]} leader {p.name}" if p.kind == "leader" else f"{p.role} {p.name}"
        if p.kind == "spokes":
            c = _COUNTRY[p.country]
            sp = "spokeswoman" if p.gender == "f" else "spokesman"
            return f"{c[2]} foreign ministry {sp} {p.name}"
        if p.kind == "analyst":
            if p.title == "Prof":
                return f"Professor {p.name} of {p.org}"
            pre = "Dr " if p.title == "Dr" else ""
            return f"{pre}{p.name}, a {p.role} at the {p.org},"
        if p.kind == "exec":
            return f"{p.org} {p.role} {p.name}"
        return f"{p.org} {p.role} {p.name}"

    def ref(self, p: Person) -> str:
        if p.name in self.seen:
            return self.short(p)
        self.seen.add(p.name)
        return self.full(p)

    def pron(self, p: Person) -> str:
        return "she" if p.gender == "f" else "he"

    # ---- dates -------------------------------------------------------------------------------
    def fmt_day(self, d: date, year: bool | None = None) -> str:
        ds = self.s["dates"]
        if ds == "abbr":
            out = f"{MONTH_ABBR[d.month - 1]} {d.day}"
        elif ds == "abbrdot":
            out = f"{MONTH_AP[d.month - 1]} {d.day}"
        elif ds == "dmy":
            out = f"{d.day} {MONTHS[d.month - 1]}"
        else:
            out = f"{MONTHS[d.month - 1]} {d.day}"
        if year or (year is None and d.year != self.pub.year):
            out += f" {d.year}" if ds == "dmy" else f", {d.year}"
        return out

    def fmt_range(self, d1: date, d2: date) -> str:
        ds = self.s["dates"]
        r = self.r.random()
        if d1.month == d2.month:
            if ds == "dmy":
                return (
                    f"{d1.day} and {d2.day} {MONTHS[d1.month - 1]}"
                    if d2.day - d1.day == 1
                    else f"{d1.day}-{d2.day} {MONTHS[d1.month - 1]}"
                )
            m = (
                MONTH_ABBR[d1.month - 1]
                if ds == "abbr"
                else MONTH_AP[d1.month - 1]
                if ds == "abbrdot"
                else (MONTHS[d1.month - 1])
            )
            if d2.day - d1.day == 1 and r < 0.6:
                return f"{m} {d1.day} and {d2.day}"
            return f"{m} {d1.day} to {d2.day}" if r < 0.8 else f"{m} {d1.day}-{d2.day}"
        return f"{self.fmt_day(d1)} to {self.fmt_day(d2)}"

    def day_ref(self, d: date, *, on: bool = True) -> str:
        """A reference to day ``d`` as this outlet would write it relative to publication."""
        delta = (d - self.pub).days
        r = self.r.random()
        pre = "on " if on else ""
        if delta == 0:
            if r < 0.5:
                return f"{pre}{WEEKDAYS[d.weekday()]}"
            return "today" if r < 0.6 else f"{pre}{self.fmt_day(d)}" if r < 0.85 else "earlier today"
        if delta == -1 and self.s["yesterday"] and r < 0.6:
            return "yesterday"
        if -6 <= delta <= 6 and r < 0.55:
            return f"{pre}{WEEKDAYS[d.weekday()]}"
        if 7 <= -delta <= 13 and r < 0.7:
            return "last week"
        if 7 <= delta <= 13 and r < 0.7:
            return "next week"
        return f"{pre}{self.fmt_day(d)}"

    def month_ref(self, d: date) -> str:
        months = (d.year - self.pub.year) * 12 + d.month - self.pub.month
        r = self.r.random()
        name = MONTHS[d.month - 1]
        if months == 0:
            return "earlier this month" if d < self.pub else "later this month"
        if months == 1 and r < 0.5:
            return "next month"
        if months == -1 and r < 0.5:
            return "last month"
        if r < 0.25:
            part = "mid-" if d.day > 10 and d.day <= 20 else ("early " if d.day <= 10 else "late ")
            return f"in {part}{name}" if part != "mid-" else f"in mid-{name}"
        if months > 0 and d.year != self.pub.year and r < 0.6:
            return f"in {name} next year" if d.year == self.pub.year + 1 else f"in {name} {d.year}"
        if months < 0 and d.year != self.pub.year and r < 0.6:
            return f"in {name} last year" if d.year == self.pub.year - 1 else f"in {name} {d.year}"
        return f"in {name}" if abs(months) < 11 else f"in {name} {d.year}"

    # ---- numbers -----------------------------------------------------------------------------
    def money(self, usd: float, local: bool = True) -> str:
        r = self.r
        cur = "USD"
        if local and r.random() < 0.45:
            cur = _COUNTRY[r.choice((self.st.a, self.st.b))[0]][5]
        amount = usd * PER_USD.get(cur, 1.0)
        text = self._amount(amount, cur)
        if cur != "USD" and r.random() < 0.5:
            text += f" ({self._amount(usd, 'USD')})"
        return text

    def _amount(self, amount: float, cur: str) -> str:
        if amount >= 1e12:
            v, word, short = amount / 1e12, "trillion", "tn"
        elif amount >= 1e9:
            v, word, short = amount / 1e9, "billion", "bn"
        elif amount >= 1e6:
            v, word, short = amount / 1e6, "million", "m"
        else:
            v, word, short = amount, "", ""
        num = f"{v:,.0f}" if v >= 100 or v == int(v) else f"{v:.1f}"
        pre_asia, pre_us, word_after = CURRENCIES[cur]
        style = self.s["cur"]
        pre = pre_us if style == "us" else pre_asia
        if style == "uk" and cur in ("USD", "GBP", "EUR") and short:
            return f"{'$' if cur == 'USD' else pre}{num}{short}"
        if pre:
            return f"{pre}{num} {word}".rstrip()
        return f"{num} {word} {word_after}".replace("  ", " ")

    def pct(self, v: float) -> str:
        return f"{v:g}{self.s['pct']}"

    def count(self, lo: int, hi: int, noun: str) -> str:
        r = self.r
        v = r.randint(lo, hi)
        if v >= 10_000:
            v = round(v, -3)
        elif v >= 100:
            v = round(v, -1)
        pre = r.choice(("", "", "about ", "more than ", "nearly ", "at least "))
        if v >= 1_000_000:
            num = f"{v / 1e6:.1f} million"
        elif v <= 12 and r.random() < 0.6:
            num = _num_words(v)
        else:
            num = f"{v:,}"
        return f"{pre}{num} {noun}"

    # ---- slots -------------------------------------------------------------------------------
    def slot(self, key: str) -> str:
        st, r, pub = self.st, self.r, self.pub
        if key == "P1":
            return self.ref(st.p1)
        if key == "P2":
            return self.ref(st.p2)
        if key == "P2s":
            return self.short(st.p2) if st.p2.name in self.seen else self.ref(st.p2)
        if key == "P1name":
            return st.p1.name
        if key == "P2name":
            return st.p2.name
        if key in ("A", "B", "C"):
            c = {"A": st.a, "B": st.b, "C": st.c}[key]
            return c[1]
        if key in ("Aadj", "Badj"):
            return (st.a if key == "Aadj" else st.b)[2]
        if key in ("Acap", "Bcap"):
            return (st.a if key == "Acap" else st.b)[3]
        if key == "city":
            return st.city
        if key == "area":
            return st.area
        if key in ("area2", "area3"):
            return r.choice([a for a in st.topic["areas"] if a != st.area])
        if key == "company":
            return st.company
        if key == "ev":
            return self.day_ref(st.day)
        if key == "ev_bare":
            return self.day_ref(st.day, on=False)
        if key == "ev_rel":
            return (
                self.day_ref(st.day)
                if r.random() < 0.5
                else self.day_ref(pub - timedelta(days=r.randint(1, 5)))
            )
        if key == "ev_date":
            return self.fmt_day(st.day)
        if key == "ev_arrive":
            return self.day_ref(st.day - timedelta(days=1))
        if key in ("fut_day", "fut_day_bare"):
            d = st.fut if r.random() < 0.5 else pub + timedelta(days=r.randint(1, 12))
            return self.day_ref(d, on=key == "fut_day")
        if key == "fut_week":
            return r.choice(("next week", "later this week", "within days", "in the coming weeks"))
        if key in ("fut", "fut_month"):
            if r.random() < 0.3:
                return self.day_ref(st.fut)
            return self.month_ref(st.fut)
        if key == "fut_month_bare":
            return MONTHS[st.fut.month - 1] + ("" if st.fut.year == pub.year else f" {st.fut.year}")
        if key == "fut_range":
            d1 = st.fut
            d2 = d1 + timedelta(days=r.choice((1, 1, 2, 3)))
            if r.random() < 0.2:
                return f"between {self.fmt_range(d1, d2).replace(' to ', ' and ')}"
            return (
                ("on " if r.random() < 0.5 else "from ") + self.fmt_range(d1, d2)
                if d1.month == d2.month
                else (f"from {self.fmt_day(d1)} to {self.fmt_day(d2)}")
            )
        if key == "fut_year":
            return str(pub.year + r.choice((1, 2, 3, 5, 10)))
        if key == "fut_time":
            return r.choice(("at 10am", "at 3pm", "at 9.30am local time", "at 2.30pm", "at noon", "at 7pm"))
        if key == "fut_quarter":
            q = (pub.month - 1) // 3 + 2
            return f"in the {ORDINALS[q - 1]} quarter" if q <= 4 else "early next year"
        if key == "time_of_day":
            return r.choice(
                (
                    "at about 6am",
                    "shortly before midnight",
                    "at 11.40am local time",
                    "at dawn",
                    "on Sunday morning",
                    "late at night",
                )
            )
        if key == "past_week":
            return self.day_ref(pub - timedelta(days=r.randint(2, 12)))
        if key == "past_month":
            return self.month_ref(st.past)
        if key == "past_rel":
            return r.choice(
                (
                    "last week",
                    "earlier this month",
                    "in " + self.month_ref(st.past)[3:]
                    if self.month_ref(st.past).startswith("in ")
                    else "last month",
                    "on " + WEEKDAYS[(pub - timedelta(days=2)).weekday()],
                )
            )
        if key == "pmonth":
            return (
                self.month_ref(st.past)[3:]
                if r.random() < 0.4
                else (f"{MONTHS[st.past.month - 1]} {st.past.year}")
            )
        if key == "pmonth_bare":
            return (
                MONTHS[st.past.month - 1]
                if st.past.year == pub.year
                else (f"{MONTHS[st.past.month - 1]} {st.past.year}")
            )
        if key == "pyear":
            return str(st.pyear)
        if key == "pyear_old":
            return str(r.randint(1950, 1995))
        if key == "since_ref":
            return r.choice(("since 2019", "in recent years", f"since {st.pyear}", "over the past decade"))
        if key == "gap":
            return r.choice(("six years", "more than a decade", "five months", "two years", "a generation"))
        if key == "gap_after":
            return r.choice(("barely two months", "just weeks", "less than a year", "three months"))
        if key == "money":
            return self.money(st.nums["money"] * 1e6 * r.choice((1, 3, 7)))
        if key in ("money_big", "money_head"):
            return self.money(st.nums["money"] * st.nums["money_scale"], local=key == "money_big")
        if key == "pct":
            return self.pct(st.nums["pct"] if r.random() < 0.5 else r.choice((1.5, 3.2, 6, 9.4, 18, 40, 61)))
        if key == "pct2":
            return self.pct(st.nums["pct"] * 2)
        if key == "pct_rate":
            return self.pct(r.choice((2.5, 3.0, 3.25, 4.5, 5.5)))
        if key.startswith("dur_"):
            n = r.randint(2, 7)
            if key == "dur_days":
                return f"{_num_words(n - 1)}-day" if n > 2 else "two-day"
            if key == "dur_years":
                return f"{_num_words(n + 3)} years"
            if key == "dur_years_adj":
                return f"{n * 5}-year"
            if key == "dur_months_each":
                return r.choice(("six months", "year", "two years", "quarter"))
            return f"{_num_words(n + 1)} months"
        if key.startswith("count_"):
            table = {
                "agreements": (3, 40, "agreements"),
                "rounds": (3, 12, "times"),
                "ships": (4, 40, "warships"),
                "troops": (2000, 30000, "troops"),
                "aircraft": (5, 70, "military aircraft"),
                "voters": (3_000_000, 90_000_000, "voters"),
                "entities": (10, 200, "companies and individuals"),
                "people": (500, 2_000_000, "people"),
                "jobs": (200, 8000, "jobs"),
                "staff": (200, 8000, "people"),
                "tonnes": (1_000_000, 9_000_000, "tonnes"),
                "crew": (2, 9, "crew members"),
                "nm": (20, 200, "nautical miles"),
                "m": (5, 90, "metres"),
                "countries": (40, 190, "countries"),
                "teu": (1_000_000, 8_000_000, "containers"),
                "delegates": (200, 3000, "delegates"),
            }
            lo, hi, noun = table[key[6:]]
            return self.count(lo, hi, noun)
        if key == "nth":
            return r.choice(ORDINALS[1:])
        if key == "nth_partner":
            return r.choice(("largest", "second-largest", "third-biggest", "fifth-largest"))
        if key == "outlet":
            return self.s["name"]
        if key == "social":
            return r.choice(SOCIAL)
        raise KeyError(key)

    def fill(self, template: str) -> str:
        return template.format_map(self.slots)

    def pick(self, templates: list[str]) -> str:
        """Fill a template this article has not used yet, if one turns up in a few draws."""
        r, used = self.r, self.used_templates
        t = r.choice(templates)
        for _ in range(4):
            if t not in used:
                break
            t = r.choice(templates)
        used.add(t)
        return self.fill(t)

    # ---- quotations --------------------------------------------------------------------------
    def q(self, text: str) -> str:
        return f"{self.oq}{text}{self.cq}"

    def _comma(self, sentence: str) -> str:
        return sentence[:-1] + "," if sentence.endswith(".") else sentence

    def speaker(self) -> Person:
        st, r = self.st, self.r
        x = r.random()
        if x < 0.35:
            return st.p1
        if x < 0.6:
            return st.p2
        if x < 0.72:
            return st.spokes
        if x < 0.8:
            return st.exec_
        return st.analysts[0] if x < 0.92 else st.analysts[1]

    def direct(self, p: Person | None = None) -> str:
        r, s = self.r, self.s
        p = p or self.speaker()
        quote = self.pick(DIRECT_QUOTES)
        cue = r.choice(("said", "said", "said", "told reporters", "added", "noted", "told " + s["name"]))
        self.last_speaker = p
        x = r.random()
        if x < s["colon"]:
            who = self.ref(p)
            return f"{_cap(who)} {cue}: {self.q(quote)}"
        if p.name in self.seen and r.random() < 0.3:
            who = self.pron(p)
            tail = f"{who} {cue}."
        else:
            who = self.ref(p)
            tail = (
                f"{cue} {who}."
                if r.random() < s["said_x"] and cue in ("said", "added", "noted")
                else f"{who} {cue}."
            )
        para = f"{self.q(self._comma(quote))} {tail}"
        if r.random() < 0.3:
            para += " " + self.q(r.choice(DIRECT_FOLLOWUPS))
        return para

    def partial(self) -> str:
        r = self.r
        p = self.speaker()
        who = _cap(self.ref(p))
        self.last_speaker = p
        frag = self.pick(PARTIAL_FRAGS)
        x = r.random()
        if x < 0.3:
            clause = self.pick(INDIRECT_CLAUSES)
            return f"{who} described {self.st.topic['np']} as {self.q(frag)}, adding that {clause}."
        if x < 0.55:
            return f"{who} said the outcome was {self.q(frag)}."
        if x < 0.8:
            q2 = self.st.p2 if p is not self.st.p2 else self.st.p1
            other = self.ref(q2)
            return (
                f"{who} hailed the talks as {self.q(frag)}, while {other} pledged to "
                f"{self.q(r.choice(PARTIAL_VERBS))}."
            )
        return f"{who} vowed to {self.q(r.choice(PARTIAL_VERBS))} {self.fill('{fut}')}."

    def indirect(self) -> str:
        r = self.r
        clause = self.pick(INDIRECT_CLAUSES)
        x = r.random()
        if x < 0.15 and self.last_speaker is not None and self.last_speaker.name in self.seen:
            return f"{_cap(self.pron(self.last_speaker))} added that {clause}."
        p = self.speaker()
        self.last_speaker = p
        who = self.ref(p)
        if x < 0.45:
            return f"{_cap(who)} said {clause}."
        if x < 0.65:
            return f"{_cap(who)} told reporters in {self.st.city} that {clause}."
        if x < 0.85:
            return f"According to {who}, {clause}."
        return f"{_cap(who)} said in a statement {self.fill('{ev}')} that {clause}."

    def unnamed(self) -> str:
        r = self.r
        who = r.choice(UNNAMED)
        x = r.random()
        if x < 0.3:
            return f"{_cap(who)} said {self.pick(INDIRECT_CLAUSES)}."
        if x < 0.55:
            return f"{self.q(self._comma(self.pick(DIRECT_QUOTES)))} said {who}."
        if x < 0.8:
            return (
                f"The news was widely shared on {self.fill('{social}')}, where one user wrote: "
                f"{self.q(r.choice(NETIZEN_QUOTES))}"
            )
        return f"One netizen joked: {self.q(r.choice(NETIZEN_QUOTES))}"

    def multi(self) -> list[str]:
        r = self.r
        p = self.speaker()
        self.last_speaker = p
        q1 = self.pick(DIRECT_QUOTES)
        q2 = r.choice(DIRECT_FOLLOWUPS)
        q3 = self.pick(DIRECT_QUOTES)
        first = f"{_cap(self.ref(p))} said: {self.oq}{q1} {q2}"  # no closing mark: the quote runs on
        second = f"{self.oq}{self._comma(q3)}{self.cq} {self.pron(p)} added."
        return [first, second]

    def analyst(self) -> str:
        r = self.r
        a = self.st.analysts[r.randint(0, 2)]
        view = self.pick(ANALYST_VIEWS)
        self.last_speaker = a
        if a.name not in self.seen and r.random() < 0.6:
            self.seen.add(a.name)
            return f"{self.full(a)} said {view}."
        who = self.ref(a)
        if r.random() < 0.5:
            return f"{_cap(who)} said {view}, noting that {self.pick(INDIRECT_CLAUSES)}."
        return f"{self.q(self._comma(self.pick(DIRECT_QUOTES)))} said {who}."

    # ---- the article -------------------------------------------------------------------------
    def dateline(self) -> str:
        st, s = self.st, self.s
        city = st.city.upper()
        if s["dateline"] == "dash":
            return f"{city} \u2013 "
        if s["dateline"] == "wire":
            return f"{city}, {self.fmt_day(self.pub)} ({s['name']}) - "
        if s["dateline"] == "ap":
            return f"{city} (AD) \u2014 "
        return ""

    def write(self) -> tuple[str, list[str]]:
        r, st, s = self.r, self.st, self.s
        topic = st.topic
        title = _cap(self.fill(r.choice(topic["heads"])))
        self.seen.clear()  # names in headlines do not count as first mentions
        target = int(min(2000, max(300, r.lognormvariate(6.45, 0.45))))
        if s["dateline"] == "wire" or self.wire_copy:
            target = min(target, 700)
        paras: list[str] = []
        if s["sections"] and r.random() < 0.6:
            paras.append(r.choice(s["sections"]))
        if s["signup"] and r.random() < 0.5:
            paras.append(r.choice(s["signup"]))
        if s["credits"] and r.random() < 0.5:
            paras.append(self.fill(r.choice(CAPTIONS)))
            paras.append(f"PHOTO: {r.choice(s['credits'])}")
        if s["dateline"] == "none" and r.random() < 0.3:
            paras.append(f"By {r.choice(REPORTERS)}")
        lede = self.dateline() + self.fill(r.choice(topic["ledes"]))
        paras.append(lede)
        words = len(lede.split())
        builders = (
            (self._dev, 14),
            (self._background, 16),
            (self.direct, 16),
            (self.partial, 6),
            (self.indirect, 12),
            (self.unnamed, 5),
            (self.analyst, 8),
            (self._multi, 3),
            (self._furniture, 4),
            (self._subhead, 3),
        )
        funcs = [b for b, _ in builders]
        cum = list(itertools.accumulate(w for _, w in builders))
        total = cum[-1]
        used: set[str] = set()
        guard = 0
        while words < target and guard < 400:
            guard += 1
            out = funcs[bisect.bisect_right(cum, r.random() * total)]()
            if isinstance(out, str):
                if out in used:
                    continue
                used.add(out)
                paras.append(out)
                words += out.count(" ") + 1
                continue
            if any(p in used for p in out):
                continue
            used.update(out)
            paras.extend(out)
            words += sum(p.count(" ") + 1 for p in out)
        if s["signup"] and r.random() < 0.3:
            paras.append(r.choice(s["signup"]))
        if s["dateline"] == "wire":
            paras.append(f"Reporting by {r.choice(REPORTERS)}; Editing by {r.choice(REPORTERS)}")
        return title, paras

    def _dev(self) -> str:
        return self.pick(self.st.topic["dev"])

    def _background(self) -> str:
        return self.pick(BACKGROUND)

    def _multi(self) -> list[str]:
        return self.multi()

    def _furniture(self) -> list[str]:
        r, s = self.r, self.s
        x = r.random()
        if x < 0.35 and s["signup"]:
            return [r.choice(s["signup"])]
        if x < 0.6 and s["credits"]:
            return [self.fill(r.choice(CAPTIONS)), f"PHOTO: {r.choice(s['credits'])}"]
        if x < 0.8:
            return [f"READ MORE: {_cap(self.fill(r.choice(r.choice(TOPICS)['heads'])))}"]
        return ["Advertisement"]

    def _subhead(self) -> str:
        return self.r.choice(SUBHEADS)
