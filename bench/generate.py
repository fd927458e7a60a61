"""Synthetic corpus generator: native-format diplomatic news articles.

The corpus imitates world event data rather than real news.  A *world* is built
from the seed: 200 states (ISO 3166-1 alpha-3 codes from pycountry, in ISO numeric
order), 2-8 synthetic officials per state, about 40 organisations, about 300 cities
and a few dozen political issues.  Popularity is a Zipf law (s=1.1) over the states
and officials inherit it through their state, so a handful of hub states take a
large share of the relations.

Each article carries 1-5 relations (mean 1.5 by default) of type ``MET_WITH``,
``SUPPORTS`` or ``REJECTS``.  Most ``MET_WITH`` relations come from a Meeting, Visit
or Call event with 2-4 participants, and each such event is reported by about three
articles (same date, place and participants; different ids, sources and sometimes
spellings of the participants' names).  Dates cover 2017 with bursts.  Articles have
no ``text``: relations carry an ``evidence`` sentence instead, so there are no spans.

Usage::

    python -m bench.generate --articles 10000 --seed 7 --out /tmp/corpus
    python -m bench.generate --articles 500 --seed 7 --out /tmp/c --format json \
        --relations-mean 2 --mix 0.5,0.3,0.2 --stats
    python -m bench.generate --articles 100000 --seed 7 --out /tmp/big --per-file 500

The same seed and options always give the same bytes.
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import itertools
import math
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Final, Literal

import orjson
import pycountry
import yaml

Article = dict[str, Any]
Format = Literal["yaml", "json"]
Ref = tuple[str, int]  # ("official" | "state" | "org" | "place", index into the world)

FORMAT_MARKER: Final = "diplograph/v1"
YEAR_START: Final = date(2017, 1, 1)
YEAR_END: Final = date(2017, 12, 31)
N_STATES: Final = 200
N_PLACES: Final = 300
ZIPF_S: Final = 1.1
MAX_RELATIONS: Final = 5
DEFAULT_RELATIONS_MEAN: Final = 1.5
DEFAULT_MIX: Final = (0.60, 0.25, 0.15)  # MET_WITH, SUPPORTS, REJECTS
DEFAULT_VARIANT_RATE: Final = 0.2
REPORTS_PER_EVENT: Final = 3.0
EVENT_SHARE: Final = 0.85  # articles with MET_WITH that report a Meeting/Visit/Call event
RELATION_TYPES: Final = ("MET_WITH", "SUPPORTS", "REJECTS")

# --------------------------------------------------------------------------- data


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Dependent or uninhabited territories left out so that exactly 200 remain.
_EXCLUDED: Final = frozenset(
    _words(
        "ATA ASM BMU BVT IOT VGB CYM CXR CCK MYT COK FRO FLK SGS ALA GUF PYF ATF GIB GLP "
        "GUM HMD MTQ MSR CUW ABW SXM BES NCL NIU NFK MNP UMI PCN REU BLM SHN AIA MAF SPM "
        "SJM TKL TCA GGY JEY IMN VIR WLF ESH"
    )
)

_DISPLAY_NAMES: Final = {
    "RUS": "Russia",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "VAT": "Holy See",
    "PSE": "Palestine",
    "FSM": "Micronesia",
    "BRN": "Brunei",
    "TUR": "Turkey",
    "CZE": "Czech Republic",
    "CPV": "Cape Verde",
    "MKD": "Macedonia",
    "SWZ": "Swaziland",
    "CIV": "Ivory Coast",
    "TLS": "East Timor",
}

# The hub states in popularity order; the others follow in a seeded order.
_HUBS: Final = _words(
    "USA RUS CHN SYR IRN TUR FRA GBR DEU SAU IRQ ISR EGY JOR QAT UKR IND JPN KOR PRK "
    "LBN ARE PSE KAZ ITA"
)

_CAPITALS: Final = """
AFG Kabul|ALB Tirana|DZA Algiers|AND Andorra la Vella|AGO Luanda|ATG Saint John's|AZE Baku
ARG Buenos Aires|AUS Canberra|AUT Vienna|BHS Nassau|BHR Manama|BGD Dhaka|ARM Yerevan
BRB Bridgetown|BEL Brussels|BTN Thimphu|BOL La Paz|BIH Sarajevo|BWA Gaborone|BRA Brasilia
BLZ Belmopan|SLB Honiara|BRN Bandar Seri Begawan|BGR Sofia|MMR Naypyidaw|BDI Bujumbura
BLR Minsk|KHM Phnom Penh|CMR Yaounde|CAN Ottawa|CPV Praia|CAF Bangui|LKA Colombo
TCD N'Djamena|CHL Santiago|CHN Beijing|TWN Taipei|COL Bogota|COM Moroni|COG Brazzaville
COD Kinshasa|CRI San Jose|HRV Zagreb|CUB Havana|CYP Nicosia|CZE Prague|BEN Porto-Novo
DNK Copenhagen|DMA Roseau|DOM Santo Domingo|ECU Quito|SLV San Salvador|GNQ Malabo
ETH Addis Ababa|ERI Asmara|EST Tallinn|FJI Suva|FIN Helsinki|FRA Paris|DJI Djibouti
GAB Libreville|GEO Tbilisi|GMB Banjul|PSE Ramallah|DEU Berlin|GHA Accra|KIR Tarawa
GRC Athens|GRL Nuuk|GRD Saint George's|GTM Guatemala City|GIN Conakry|GUY Georgetown
HTI Port-au-Prince|VAT Vatican City|HND Tegucigalpa|HKG Hong Kong|HUN Budapest
ISL Reykjavik|IND New Delhi|IDN Jakarta|IRN Tehran|IRQ Baghdad|IRL Dublin|ISR Jerusalem
ITA Rome|CIV Yamoussoukro|JAM Kingston|JPN Tokyo|KAZ Astana|JOR Amman|KEN Nairobi
PRK Pyongyang|KOR Seoul|KWT Kuwait City|KGZ Bishkek|LAO Vientiane|LBN Beirut|LSO Maseru
LVA Riga|LBR Monrovia|LBY Tripoli|LIE Vaduz|LTU Vilnius|LUX Luxembourg|MAC Macao
MDG Antananarivo|MWI Lilongwe|MYS Kuala Lumpur|MDV Male|MLI Bamako|MLT Valletta
MRT Nouakchott|MUS Port Louis|MEX Mexico City|MCO Monaco|MNG Ulaanbaatar|MDA Chisinau
MNE Podgorica|MAR Rabat|MOZ Maputo|OMN Muscat|NAM Windhoek|NRU Yaren|NPL Kathmandu
NLD Amsterdam|VUT Port Vila|NZL Wellington|NIC Managua|NER Niamey|NGA Abuja|NOR Oslo
FSM Palikir|MHL Majuro|PLW Ngerulmud|PAK Islamabad|PAN Panama City|PNG Port Moresby
PRY Asuncion|PER Lima|PHL Manila|POL Warsaw|PRT Lisbon|GNB Bissau|TLS Dili|PRI San Juan
QAT Doha|ROU Bucharest|RUS Moscow|RWA Kigali|KNA Basseterre|LCA Castries|VCT Kingstown
SMR San Marino|STP Sao Tome|SAU Riyadh|SEN Dakar|SRB Belgrade|SYC Victoria|SLE Freetown
SGP Singapore|SVK Bratislava|VNM Hanoi|SVN Ljubljana|SOM Mogadishu|ZAF Pretoria
ZWE Harare|ESP Madrid|SSD Juba|SDN Khartoum|SUR Paramaribo|SWZ Mbabane|SWE Stockholm
CHE Bern|SYR Damascus|TJK Dushanbe|THA Bangkok|TGO Lome|TON Nuku'alofa
TTO Port of Spain|ARE Abu Dhabi|TUN Tunis|TUR Ankara|TKM Ashgabat|TUV Funafuti
UGA Kampala|UKR Kiev|MKD Skopje|EGY Cairo|GBR London|TZA Dodoma|USA Washington
BFA Ouagadougou|URY Montevideo|UZB Tashkent|VEN Caracas|WSM Apia|YEM Sanaa|ZMB Lusaka
"""

_OTHER_CITIES: Final = """
USA New York|USA Chicago|USA San Francisco|RUS Sochi|RUS Saint Petersburg|RUS Kazan
RUS Vladivostok|RUS Grozny|CHN Shanghai|CHN Hangzhou|CHN Xiamen|CHN Guangzhou|SYR Aleppo
SYR Homs|SYR Idlib|SYR Latakia|SYR Deir ez-Zor|SYR Raqqa|IRQ Erbil|IRQ Mosul|IRQ Basra
IRQ Kirkuk|IRQ Najaf|IRN Isfahan|IRN Mashhad|IRN Shiraz|IRN Tabriz|TUR Istanbul
TUR Antalya|TUR Izmir|TUR Gaziantep|KAZ Almaty|CHE Geneva|CHE Davos|CHE Lausanne
CHE Zurich|AUT Salzburg|DEU Munich|DEU Hamburg|DEU Bonn|DEU Frankfurt|FRA Marseille
FRA Lyon|FRA Strasbourg|FRA Nice|GBR Manchester|GBR Edinburgh|BEL Antwerp|NLD The Hague
NLD Rotterdam|ITA Milan|ITA Taormina|ITA Naples|ESP Barcelona|ESP Seville|SAU Jeddah
SAU Dammam|ARE Dubai|EGY Alexandria|EGY Sharm el-Sheikh|JOR Aqaba|LBN Sidon|ISR Tel Aviv
ISR Haifa|PSE Gaza|PSE Hebron|YEM Aden|YEM Hodeidah|LBY Benghazi|LBY Misrata|OMN Salalah
IND Mumbai|IND Kolkata|IND Bangalore|PAK Karachi|PAK Lahore|AFG Kandahar|AFG Herat
JPN Osaka|JPN Kyoto|JPN Hiroshima|KOR Busan|VNM Ho Chi Minh City|VNM Da Nang|PHL Davao
PHL Cebu|IDN Surabaya|IDN Denpasar|THA Chiang Mai|AUS Sydney|AUS Melbourne|CAN Toronto
CAN Montreal|MEX Guadalajara|MEX Cancun|BRA Rio de Janeiro|BRA Sao Paulo|ARG Mendoza
COL Medellin|COL Cartagena|VEN Maracaibo|CUB Santiago de Cuba|ZAF Johannesburg
ZAF Cape Town|ZAF Durban|NGA Lagos|NGA Kano|KEN Mombasa|TZA Dar es Salaam|MAR Marrakesh
MAR Casablanca|DZA Oran|TUN Sfax|SDN Port Sudan|UKR Donetsk|UKR Odessa|UKR Kharkiv
UKR Lviv|POL Krakow|POL Gdansk|GEO Batumi|AZE Ganja|ARM Gyumri|UZB Samarkand|KGZ Osh
CIV Abidjan|CMR Douala|COD Goma|COD Lubumbashi|SOM Kismayo|MLI Timbuktu|MLI Gao
NER Agadez|SRB Novi Sad|GRC Thessaloniki|CYP Limassol|BIH Mostar|HRV Split|MKD Ohrid
ROU Cluj-Napoca|BGR Varna|CZE Brno|SWE Gothenburg|NOR Bergen|DNK Aarhus|FIN Turku
LTU Kaunas|IRL Cork|PRT Porto|CHL Valparaiso|PER Cusco|ECU Guayaquil|NZL Auckland
EGY Luxor|SAU Mecca|QAT Lusail|KWT Jahra|BHR Muharraq|ETH Mekelle|SSD Malakal|LBN Baalbek
"""

# Neutral venues for multilateral meetings and conferences.
_HUB_CITIES: Final = (
    "Geneva",
    "New York",
    "Vienna",
    "Astana",
    "Sochi",
    "Brussels",
    "Doha",
    "Paris",
    "Munich",
    "Davos",
    "Moscow",
    "Beijing",
    "Washington",
    "London",
    "Istanbul",
    "Riyadh",
)

# acronym | full name | headquarters state | takes "the" in running text
_ORGANIZATIONS: Final = """
UN|United Nations|USA|1
EU|European Union|BEL|1
NATO|North Atlantic Treaty Organization|BEL|1
UNSC|United Nations Security Council|USA|1
AU|African Union|ETH|1
Arab League|League of Arab States|EGY|1
ASEAN|Association of Southeast Asian Nations|IDN|1
GCC|Gulf Cooperation Council|SAU|1
OPEC|Organization of the Petroleum Exporting Countries|AUT|1
IAEA|International Atomic Energy Agency|AUT|1
OSCE|Organization for Security and Co-operation in Europe|AUT|1
SCO|Shanghai Cooperation Organisation|CHN|1
OIC|Organisation of Islamic Cooperation|SAU|1
WHO|World Health Organization|CHE|1
UNHCR|Office of the United Nations High Commissioner for Refugees|CHE|1
ICRC|International Committee of the Red Cross|CHE|1
WTO|World Trade Organization|CHE|1
IMF|International Monetary Fund|USA|1
World Bank|World Bank|USA|1
CoE|Council of Europe|FRA|1
OECD|Organisation for Economic Co-operation and Development|FRA|1
UNESCO|United Nations Educational, Scientific and Cultural Organization|FRA|0
Commonwealth|Commonwealth of Nations|GBR|1
CSTO|Collective Security Treaty Organization|RUS|1
EAEU|Eurasian Economic Union|RUS|1
CIS|Commonwealth of Independent States|BLR|1
ECOWAS|Economic Community of West African States|NGA|1
SADC|Southern African Development Community|BWA|1
IGAD|Intergovernmental Authority on Development|DJI|1
EAC|East African Community|TZA|1
OAS|Organization of American States|USA|1
Mercosur|Southern Common Market|URY|0
CARICOM|Caribbean Community|GUY|1
PIF|Pacific Islands Forum|FJI|1
SAARC|South Asian Association for Regional Cooperation|NPL|1
ADB|Asian Development Bank|PHL|1
UNICEF|United Nations Children's Fund|USA|0
WFP|World Food Programme|ITA|1
ICC|International Criminal Court|NLD|1
OPCW|Organisation for the Prohibition of Chemical Weapons|NLD|1
"""

_REGIONS: Final = {
    "arab": "DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SDN SYR TUN ARE YEM",
    "persian": "IRN AFG TJK",
    "turkic": "TUR AZE KAZ UZB TKM KGZ MNG",
    "caucasus": "GEO ARM",
    "slavic": "RUS UKR BLR POL CZE SVK SRB HRV BIH MNE MKD BGR SVN MDA",
    "israeli": "ISR",
    "chinese": "CHN TWN HKG MAC",
    "japanese": "JPN",
    "korean": "KOR PRK",
    "vietnamese": "VNM",
    "malay": "IDN MYS BRN SGP TLS",
    "indochina": "THA LAO KHM MMR",
    "south_asia": "IND PAK BGD NPL LKA BTN MDV",
    "latin": "ARG BOL BRA CHL COL CRI CUB DOM ECU SLV GTM HND MEX NIC PAN PRY PER URY VEN ESP "
    "PRT PHL PRI AND",
    "french": "FRA BEL LUX MCO HTI",
    "german": "DEU AUT CHE LIE NLD",
    "nordic": "SWE NOR DNK FIN ISL GRL EST",
    "italian": "ITA SMR VAT MLT",
    "greek": "GRC CYP",
    "central": "HUN ROU ALB LVA LTU",
    "african": "AGO BEN BWA BFA BDI CPV CMR CAF TCD COG COD CIV GNQ ERI SWZ ETH GAB GMB GHA GIN "
    "GNB KEN LSO LBR MDG MWI MLI MUS MOZ NAM NER NGA RWA STP SEN SYC SLE SOM ZAF SSD TZA TGO "
    "UGA ZMB ZWE",
}
_DEFAULT_REGION: Final = "anglo"
_FAMILY_FIRST: Final = frozenset({"chinese", "korean", "vietnamese"})

# region -> (given names, family names)
_NAMES: Final[dict[str, tuple[str, str]]] = {
    "arab": (
        "Ahmad Mohammed Khaled Youssef Omar Faisal Walid Adel Ibrahim Hassan Hussein Tariq Nabil "
        "Samir Karim Rami Bassam Ziad Majed Fouad Jamal Mahmoud Mustafa Sami Abdullah Nasser "
        "Salim Hamad Talal Yasser Mounir Riad Layla Rania Hanan Mouna Salma",
        "al-Jaafari al-Moualem Mikdad Haddad al-Khatib Mansour Khoury al-Masri al-Hashimi "
        "Barakat Saleh al-Tamimi Darwish Hamdan al-Qahtani Yassin Obeidat al-Zoubi Azzam Jabbour "
        "Kanaan al-Amin Sabbagh Toukan al-Rashid Abboud Farhat Mourad al-Shami Qassem Bitar "
        "Hammoud Nassif al-Dosari Boutros Shalaby",
    ),
    "persian": (
        "Amir Ali Reza Mohammad Hossein Mehdi Javad Hamid Majid Saeed Abbas Masoud Bahram "
        "Dariush Kamran Farhad Behrouz Mojtaba Parviz Jalal Kourosh Ebrahim Ahmad Maryam "
        "Shirin Massoumeh Zahra Nasrin Habibullah Gulbuddin",
        "Rahimi Tehrani Mousavi Hosseini Karimi Jafari Sadeghi Ahmadi Rezaei Ghasemi Moradi "
        "Hashemi Najafi Kazemi Shirazi Farahani Golzari Bagheri Rostami Soltani Amini Heydari "
        "Ansari Nouri Vahidi Mohammadi Akbari Azizi Khorasani Popal Rahmonov Sharifi",
    ),
    "turkic": (
        "Mehmet Mustafa Ahmet Emre Murat Kemal Yusuf Hakan Ilham Elnur Rashid Askar Bakhtiyar "
        "Dauren Erlan Timur Rustam Berdi Almaz Serik Ulugbek Selim Oguz Burak Orhan Aigul "
        "Gulnara Dinara Ayse Elif Batbold Munkh",
        "Yilmaz Demir Kaya Celik Sahin Ozturk Aydin Arslan Dogan Kilic Aliyev Mammadov "
        "Huseynov Abdullayev Nazarbekov Tulegenov Karimov Rakhimov Yusupov Saparov Berdiyev "
        "Akhmetov Suleimenov Ismailov Nurlanov Ergashev Zhakupov Bekov Ozdemir Koc Ganbold",
    ),
    "caucasus": (
        "Giorgi Levan Davit Nikoloz Zurab Tigran Armen Aram Vahe Ashot Irakli Gor Karen Sergo "
        "Hovhannes Mamuka Vakhtang Arsen Edmon Nodar Nino Tamar Anna Lilit",
        "Beridze Kapanadze Gelashvili Lomidze Tsereteli Javakhishvili Sargsyan Harutyunyan "
        "Grigoryan Hakobyan Petrosyan Mkrtchyan Avetisyan Khachatryan Mamulashvili Chikovani "
        "Abashidze Kvaratskhelia Vardanyan Baghdasaryan",
    ),
    "slavic": (
        "Sergei Dmitri Alexei Andrei Vladimir Mikhail Nikolai Igor Yuri Oleg Pavel Viktor "
        "Boris Maxim Anatoly Vasily Petro Taras Bohdan Tomasz Piotr Marek Milan Dragan Zoran "
        "Goran Ivica Aleksandar Stefan Miroslav Olga Irina Natalia Yulia Ana",
        "Ivanov Petrov Sokolov Volkov Kuznetsov Lavrenko Morozov Novikov Kozlov Lebedev Orlov "
        "Shevchenko Kovalenko Bondarenko Tkachenko Kowalski Nowak Wisniewski Zielinski Dvorak "
        "Novak Horvat Jovanovic Petrovic Markovic Nikolic Dimitrov Georgiev Kovac Stojanovic "
        "Rusu Ceban",
    ),
    "israeli": (
        "Avi Yossi Moshe David Yair Eitan Noa Gilad Ronen Uri Dan Ofer Michal Tamar Yuval Nir "
        "Shira Ayelet Gideon Ariel",
        "Cohen Levi Mizrahi Peretz Biton Dahan Avraham Friedman Katz Shapiro Ben-David Azoulay "
        "Golan Segal Ashkenazi Halevi Rosen Baruch Sharon Levin",
    ),
    "chinese": (
        "Wei Jun Hao Lei Ming Jian Yong Qiang Bo Tao Hui Yang Feng Gang Jie Lin Xiaoming "
        "Zhiwei Jianguo Guoqiang Yi Kai Dong Peng Yan Li Na Chunying",
        "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo "
        "Zheng Liang Xie Song Tang Han Feng Deng Cao Peng",
    ),
    "japanese": (
        "Taro Hiroshi Takeshi Kenji Koichi Akira Masahiro Toshiro Kazuo Daisuke Haruki Kenta "
        "Satoshi Yuji Makoto Shigeru Nobuo Tetsuya Ryota Yoko Keiko Tomomi",
        "Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada "
        "Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Mori Ikeda",
    ),
    "korean": (
        "Min-jun Seo-jun Ji-ho Kyung-wha Jae-in Yong-ho Chol-su Song-il Hyun-woo Dong-hyun "
        "Sung-min Young-soo Tae-yong Kwang-ho Sang-hoon Myong-guk Su-yong Yo-jong",
        "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Ri Pak Ryu",
    ),
    "vietnamese": (
        "Van Hung|Binh Minh|Xuan Phuc|Thi Lan|Duc Thang|Quoc Cuong|Minh Tuan|Thanh Son|"
        "Huu Nghia|Kim Ngan|Hong Ha|Ngoc Anh|Tan Dung|Thi Thanh|Van Thanh",
        "Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Ho Ngo Duong",
    ),
    "malay": (
        "Budi Agus Retno Dewi Siti Ahmad Anwar Rizal Hendra Bambang Joko Wahyu Arief Nur Azmin "
        "Zainal Faizal Hishammuddin Vivian Teo Xanana",
        "Santoso Wibowo Saputra Hidayat Kusuma Pratama Gunawan Setiawan Nugroho Ibrahim Ismail "
        "Hassan Abdullah Razak Aziz Hamid Yusof Rahman Balakrishnan Guterres",
    ),
    "indochina": (
        "Somchai Prasit Anan Chatchai Kittipong Niran Sompong Saleumxay Vanna Sok Chea Aung "
        "Kyaw Thein Zaw Htun Thongloun Prak",
        "Srisuk Chaiyaporn Wongsawat Phommachanh Vongsa Keomany Chhun Sovann Myint Tun Win "
        "Naing Thant Sokhonn Kommasith Boonyarat",
    ),
    "south_asia": (
        "Rajesh Sunil Anil Vijay Arun Priya Sushil Ravi Amit Nirmala Imran Shahid Asif Khurram "
        "Abdul Mahmood Hina Sadiq Ram Bishnu Prakash Kamal Harsh Tilak Mangala Lotay",
        "Sharma Verma Gupta Singh Kumar Patel Reddy Iyer Nair Chaudhry Qureshi Khan Malik Butt "
        "Hussain Chowdhury Ahmed Islam Thapa Koirala Gurung Perera Fernando Jayasuriya "
        "Wickramasinghe Dissanayake Menon Rao Mehta Tshering",
    ),
    "latin": (
        "Juan Carlos Luis Jorge Miguel Jose Alejandro Ricardo Fernando Eduardo Sergio Andres "
        "Diego Maria Ana Lucia Gabriela Paula Marcelo Joao Paulo Rodrigo Felipe Mauricio Rafael "
        "Ignacio Teresa Carmen Veronica Aloysio Heraldo",
        "Garcia Rodriguez Martinez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera "
        "Gomez Diaz Cruz Morales Ortiz Castillo Silva Santos Oliveira Pereira Costa Almeida "
        "Ferreira Mendoza Vargas Herrera Medina Aguilar Rojas Guerrero Arreaza Videgaray",
    ),
    "african": (
        "Kwame Kofi Amina Ngozi Chukwuemeka Oluwaseun Thabo Sipho Abdoulaye Moussa Mamadou "
        "Ousmane Fatou Aminata Ibrahima Cheikh Seydou Boubacar Jean-Claude Joseph Emmanuel "
        "Patrice Didier Tendai Chipo Baraka Juma Wanjiru Tsegaye Mulugeta Yemane Lindiwe "
        "Maite Alpha Issoufou",
        "Mensah Owusu Okafor Adeyemi Okonkwo Diallo Traore Keita Coulibaly Ndiaye Diop Sow "
        "Kamara Sesay Dlamini Nkosi Mokoena Mwangi Otieno Banda Phiri Mutasa Moyo Tshabalala "
        "Mukendi Ilunga Habimana Niyonzima Tesfaye Bekele Girma Abdi Warsame Nkoana Mushikiwabo "
        "Bamba Ouattara Touadera",
    ),
    "anglo": (
        "John James Robert Michael David William Thomas Peter Mark Paul Emma Sarah Catherine "
        "Anne Elizabeth Rex Nikki Boris Theresa Malcolm Julie Justin Kevin Andrew Brian Susan "
        "Karen George Richard Simon Alan Philip Liam Fiona",
        "Smith Johnson Brown Taylor Wilson Davies Evans Thompson Clarke Walker Roberts Wright "
        "Hughes Edwards Green Hall Wood Harris Lewis Turner Baker Campbell Stewart Murphy Kelly "
        "O'Brien Ryan McCarthy Bishop Morrison Bennett Cooper Hill Ward Morgan",
    ),
    "french": (
        "Jean Pierre Francois Marie Jean-Yves Sophie Nathalie Isabelle Laurent Nicolas Philippe "
        "Michel Alain Christophe Emmanuel Olivier Didier Sylvie Claire Thierry Gerard Luc "
        "Patrick Valerie Florence",
        "Martin Bernard Dubois Moreau Lefebvre Girard Leroy Roux Fournier Morel Mercier Blanc "
        "Guerin Faure Rousseau Lambert Bonnet Fontaine Chevalier Robin Masson Garnier Dupont "
        "Lemaire Gauthier Perrin Collet",
    ),
    "german": (
        "Hans Klaus Jurgen Wolfgang Stefan Heiko Sigmar Thomas Andreas Markus Christian Martin "
        "Peter Sabine Katrin Monika Karin Matthias Tobias Uwe Horst Dieter Gerhard Sebastian "
        "Alexander Norbert Julia Bert Mark",
        "Muller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter "
        "Klein Wolf Schroder Neumann Schwarz Zimmermann Braun Kruger Hartmann Lange Werner "
        "Krause Lehmann Jansen Visser Bakker Smit Koenders",
    ),
    "nordic": (
        "Lars Erik Anders Johan Henrik Margot Ulf Jens Mette Erna Sauli Juha Timo Kristian Ola "
        "Ingrid Annika Magnus Nils Bjorn Sven Anna Gudlaugur Bjarni Kersti Juri Urmas",
        "Andersson Johansson Nilsson Larsson Karlsson Eriksson Larsen Hansen Jensen Nielsen "
        "Pedersen Olsen Berg Lindqvist Wallstrom Soini Virtanen Korhonen Makinen Lindgren "
        "Halvorsen Haugen Jonsson Gudmundsson Stefansson Tamm Saar Kask",
    ),
    "italian": (
        "Giovanni Marco Luca Paolo Matteo Sergio Angelino Federica Giuseppe Francesco Alessandro "
        "Andrea Stefano Roberto Antonio Laura Chiara Giulia Enzo Pietro Lorenzo Carmelo Joseph",
        "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo "
        "Conti Mancini Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani "
        "Rinaldi Caruana Borg Abela Vella",
    ),
    "greek": (
        "Nikos Giorgos Andreas Kostas Dimitris Yannis Alexis Panos Christos Michalis Eleni Maria "
        "Katerina Sofia Vasilis Stavros Nikolaos Ioannis Spyros Petros",
        "Papadopoulos Georgiou Kotzias Pappas Nikolaidis Vlachos Dimitriou Ioannou "
        "Christodoulou Konstantinou Makris Oikonomou Antoniou Panagiotou Stylianou Michaelides "
        "Charalambous Kyriakou",
    ),
    "central": (
        "Laszlo Peter Zoltan Viktor Istvan Gabor Janos Ferenc Mihai Ion Dan Andrei Victor "
        "Teodor Edi Ilir Ditmir Linas Dalia Edgars Raimonds Krisjanis Marina Ana Ilona Agnes Eva",
        "Nagy Kovacs Toth Szabo Horvath Varga Kiss Molnar Popescu Ionescu Popa Dumitru Stan "
        "Stoica Constantin Munteanu Hoxha Shehu Basha Kazlauskas Jankauskas Petrauskas Berzins "
        "Kalnins Ozols",
    ),
}

_HEAD_TITLES: Final = {
    "GBR": "Prime Minister",
    "DEU": "Chancellor",
    "AUT": "Chancellor",
    "JPN": "Prime Minister",
    "IND": "Prime Minister",
    "ISR": "Prime Minister",
    "CAN": "Prime Minister",
    "AUS": "Prime Minister",
    "ITA": "Prime Minister",
    "ESP": "Prime Minister",
    "NLD": "Prime Minister",
    "SWE": "Prime Minister",
    "NOR": "Prime Minister",
    "DNK": "Prime Minister",
    "BEL": "Prime Minister",
    "GRC": "Prime Minister",
    "PAK": "Prime Minister",
    "NZL": "Prime Minister",
    "IRL": "Prime Minister",
    "THA": "Prime Minister",
    "SAU": "King",
    "JOR": "King",
    "MAR": "King",
    "BHR": "King",
    "QAT": "Emir",
    "KWT": "Emir",
    "OMN": "Sultan",
    "BRN": "Sultan",
    "VAT": "Pope",
    "IRN": "President",
    "CHE": "President of the Confederation",
}
_TITLES: Final = (
    "Defence Minister",
    "Deputy Foreign Minister",
    "Ambassador to the United Nations",
    "Special Envoy",
    "Interior Minister",
    "Economy Minister",
    "National Security Adviser",
    "Speaker of Parliament",
    "Energy Minister",
    "Trade Minister",
    "Prime Minister",
    "Vice President",
)

# name, url host, weight
_SOURCES: Final = (
    ("Reuters", "reuters.example", 5.0),
    ("AFP", "afp.example", 4.0),
    ("AP", "ap.example", 3.0),
    ("Xinhua", "xinhua.example", 2.0),
    ("TASS", "tass.example", 2.0),
    ("Anadolu", "aa.example", 1.5),
    ("IRNA", "irna.example", 1.0),
    ("SANA", "sana.example", 1.0),
    ("Al Jazeera", "aljazeera.example", 1.5),
    ("Yonhap", "yonhap.example", 1.0),
)

# about-template, event kind of the issue (or ""), needs a second state, about a conflict
_ISSUES: Final = (
    ("the ceasefire in {S}", "", False, True),
    ("sanctions against {S}", "", False, False),
    ("the peace talks on {S}", "Conference", False, True),
    ("the independence referendum in {P}", "Referendum", False, False),
    ("the nuclear agreement with {S}", "Agreement", True, False),
    ("the UN resolution on {S}", "", False, True),
    ("{S_POSS} territorial integrity", "", False, True),
    ("the humanitarian corridor to {P}", "", False, True),
    ("the military operation in {P}", "", False, True),
    ("the trade agreement between {S} and {S2}", "Agreement", True, False),
    ("the election results in {S}", "", False, False),
    ("the relocation of the embassy to {C}", "", False, False),
    ("the blockade of {S}", "", False, False),
    ("the withdrawal of foreign troops from {S}", "", False, True),
    ("the deployment of missiles in {S}", "", False, False),
    ("the {H} summit on {S}", "Conference", False, True),
    ("the border agreement between {S} and {S2}", "Agreement", True, False),
    ("the arms embargo on {S}", "", False, True),
    ("the new government in {S}", "", False, False),
    ("the de-escalation zones in {S}", "Agreement", True, True),
)
_CONFLICTS: Final = _words("SYR IRQ YEM LBY AFG UKR SSD SOM MLI COD CAF PSE MMR NGA SDN")
N_ISSUES: Final = 40

_SUPPORT_EVIDENCE: Final = (
    "{S} said {C} supports {A}.",
    "{S} voiced support for {A}.",
    "{S} welcomed {A}.",
    "{S} reaffirmed {C_POSS} backing for {A}.",
)
_REJECT_EVIDENCE: Final = (
    "{S} said {C} rejects {A}.",
    "{S} condemned {A}.",
    "{S} voiced opposition to {A}.",
    "{S} dismissed {A} as unacceptable.",
)
_SUPPORT_TITLES: Final = ("{X} backs {A}", "{X} voices support for {A}", "{X} welcomes {A}")
_REJECT_TITLES: Final = ("{X} rejects {A}", "{X} condemns {A}", "{X} opposes {A}")

# ------------------------------------------------------------------------- world


@dataclass(frozen=True, slots=True)
class State:
    code: str
    name: str
    alt_name: str | None
    rank: int  # 0 is the most popular
    region: str


@dataclass(frozen=True, slots=True)
class Official:
    name: str  # canonical spelling
    country: str
    title: str
    family_first: bool
    variants: tuple[str, ...]  # other spellings that articles may use


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    acronym: str
    country: str
    definite: bool  # "the United Nations" but "Mercosur"


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str


@dataclass(frozen=True, slots=True)
class IssueEvent:
    kind: str
    date: date
    place: int
    participants: tuple[str, ...]  # state codes


@dataclass(frozen=True, slots=True)
class Issue:
    about: str
    subject: str  # state code
    event: IssueEvent | None


@dataclass(frozen=True)
class World:
    """Everything articles can talk about; the ground truth of a synthetic corpus."""

    seed: int
    states: tuple[State, ...]
    officials: tuple[Official, ...]
    organizations: tuple[Organization, ...]
    places: tuple[Place, ...]
    issues: tuple[Issue, ...]
    day_weights: tuple[float, ...]  # one per day of 2017
    state_index: dict[str, int] = field(repr=False)
    officials_by_state: dict[str, tuple[int, ...]] = field(repr=False)
    places_by_state: dict[str, tuple[int, ...]] = field(repr=False)
    hub_places: tuple[int, ...] = field(repr=False)

    def state(self, code: str) -> State:
        return self.states[self.state_index[code]]


def _parse_table(text: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for item in text.replace("\n", "|").split("|"):
        item = item.strip()
        if item:
            rows.append((item[:3], item[4:]))
    return rows


def _state_names(code: str) -> tuple[str, str | None]:
    country = pycountry.countries.get(alpha_3=code)
    if country is None:  # pragma: no cover - the codes come from pycountry
        return code, None
    fields = dict(country)
    display = _DISPLAY_NAMES.get(code) or fields.get("common_name") or fields["name"]
    display = display.split(",")[0]
    alt: str | None = None
    for candidate in (fields.get("official_name"), fields["name"]):
        if candidate and "," not in candidate and "(" not in candidate:
            candidate = candidate.removeprefix("the ")
            if candidate != display:
                alt = candidate
                break
    return display, alt


def _select_states() -> list[str]:
    countries = sorted(pycountry.countries, key=lambda c: int(dict(c)["numeric"]))
    codes = [dict(c)["alpha_3"] for c in countries if dict(c)["alpha_3"] not in _EXCLUDED]
    if len(codes) < N_STATES:  # pragma: no cover - depends on the pycountry release
        raise RuntimeError(f"pycountry lists only {len(codes)} states")
    return codes[:N_STATES]


_REGION_OF: Final = {code: region for region, codes in _REGIONS.items() for code in codes.split()}
_VOWELS: Final = frozenset("aeiouy")
_AL_RE: Final = re.compile(r"(^|[\s])al-", re.IGNORECASE)
_SLUG_RE: Final = re.compile(r"[^a-z0-9]+")


def norm_key(name: str) -> str:
    """A spelling-insensitive key: every variant the generator makes shares its canonical key."""
    s = _AL_RE.sub(r"\1", name.lower())
    s = re.sub(r"[^a-z]", "", s)
    s = re.sub(r"(.)\1+", r"\1", s)
    s = s.replace("ou", "u")
    return re.sub(r"(.)\1+", r"\1", s)


def slug(text: str) -> str:
    return _SLUG_RE.sub("-", text.lower()).strip("-")


def _is_consonant(ch: str) -> bool:
    return ch.isalpha() and ch.islower() and ch not in _VOWELS


def _variant_al(name: str, family_first: bool) -> str | None:
    tokens = name.split(" ")
    for i, tok in enumerate(tokens):
        if tok.lower().startswith("al-") and len(tok) > 4:
            rest = tok[3:]
            tokens[i] = rest[0].upper() + rest[1:]
            return " ".join(tokens)
    if family_first or len(tokens) < 2:
        return None
    tokens[-1] = "al-" + tokens[-1]
    return " ".join(tokens)


def _variant_ou(name: str, rng: random.Random) -> str | None:
    hits = [m.start() for m in re.finditer("ou|Ou", name)]
    if hits:
        i = rng.choice(hits)
        return name[:i] + ("U" if name[i] == "O" else "") + name[i + 1 :]
    spots = [
        i
        for i, ch in enumerate(name)
        if (ch == "u" and i > 0 and name[i - 1] not in "aeoqAEOQ")
        or (ch == "U" and (i == 0 or name[i - 1] == " "))
    ]
    if not spots:
        return None
    i = rng.choice(spots)
    return name[:i] + ("Ou" if name[i] == "U" else "ou") + name[i + 1 :]


def _variant_double(name: str, rng: random.Random) -> str | None:
    doubled = [i for i in range(len(name) - 1) if _is_consonant(name[i]) and name[i + 1] == name[i]]
    if doubled:
        i = rng.choice(doubled)
        return name[:i] + name[i + 1 :]
    singles = [
        i
        for i in range(1, len(name) - 1)
        if _is_consonant(name[i])
        and name[i] not in "hwyxjqv"
        and name[i - 1].lower() in _VOWELS
        and name[i + 1] in _VOWELS
    ]
    if not singles:
        return None
    i = rng.choice(singles)
    return name[: i + 1] + name[i:]


def _variant_hyphen(name: str) -> str | None:
    tokens = name.split(" ")
    for i, tok in enumerate(tokens):
        if "-" in tok and not tok.lower().startswith("al-"):
            head, _, tail = tok.partition("-")
            tokens[i] = head + tail.lower()
            return " ".join(tokens)
    return None


_RULES: Final = {
    "arab": ("al", "ou", "double"),
    "persian": ("ou", "double"),
    "turkic": ("ou", "double"),
    "caucasus": ("ou", "double"),
    "slavic": ("ou", "double"),
    "african": ("ou", "double"),
    "south_asia": ("ou", "double"),
    "malay": ("ou", "double"),
    "indochina": ("ou", "double"),
    "korean": ("hyphen",),
    "anglo": ("undouble",),
    "french": ("undouble",),
    "german": ("undouble",),
    "nordic": ("undouble",),
    "italian": ("undouble",),
    "greek": ("undouble",),
    "central": ("undouble",),
    "latin": ("undouble",),
    "israeli": ("undouble",),
}


def _variants(name: str, region: str, family_first: bool, rng: random.Random) -> tuple[str, ...]:
    out: list[str] = []
    for rule in _RULES.get(region, ()):
        if rule == "al":
            v = _variant_al(name, family_first)
        elif rule == "ou":
            v = _variant_ou(name, rng)
        elif rule == "double":
            v = _variant_double(name, rng)
        elif rule == "undouble":
            v = _variant_double(name, rng) if re.search(r"([b-df-hj-np-tv-z])\1", name) else None
        else:
            v = _variant_hyphen(name)
        if v and v != name and v not in out and norm_key(v) == norm_key(name):
            out.append(v)
    return tuple(out)


def _zipf(n: int, s: float) -> list[float]:
    return [1.0 / (r + 1) ** s for r in range(n)]


def _day_weights(rng: random.Random) -> tuple[float, ...]:
    n_days = (YEAR_END - YEAR_START).days + 1
    weeks = [1.0] * (n_days // 7 + 1)
    for week in rng.sample(range(len(weeks)), 6):
        weeks[week] = rng.uniform(3.0, 8.0)
    out: list[float] = []
    for d in range(n_days):
        weekend = (YEAR_START + timedelta(days=d)).weekday() >= 5
        out.append(weeks[d // 7] * (0.5 if weekend else 1.0))
    return tuple(out)


def build_world(seed: int) -> World:
    """The states, officials, organisations, places and issues of corpus `seed`."""
    rng = random.Random(f"diplograph-world:{seed}")
    codes = _select_states()
    rest = [c for c in codes if c not in _HUBS]
    rng.shuffle(rest)
    ranked = [c for c in _HUBS if c in codes] + rest
    rank = {code: i for i, code in enumerate(ranked)}

    states: list[State] = []
    for code in codes:
        display, alt = _state_names(code)
        states.append(State(code, display, alt, rank[code], _REGION_OF.get(code, _DEFAULT_REGION)))
    state_index = {s.code: i for i, s in enumerate(states)}

    officials: list[Official] = []
    by_state: dict[str, tuple[int, ...]] = {}
    used_keys: set[str] = set()
    for st in states:  # ISO numeric order, independent of the ranking
        given, family = (p.split("|") if "|" in p else p.split() for p in _NAMES[st.region])
        family_first = st.region in _FAMILY_FIRST
        head = _HEAD_TITLES.get(st.code, "President")
        pool = [t for t in _TITLES if t != head]
        rng.shuffle(pool)
        titles = [head, "Foreign Minister", *pool]
        count = rng.randint(5, 8) if st.rank < 20 else rng.randint(2, 8)
        ids: list[int] = []
        for k in range(count):
            for attempt in range(400):
                g, f = rng.choice(given), rng.choice(family)
                name = f"{f} {g}" if family_first else f"{g} {f}"
                if attempt >= 200:  # pools exhausted: add an initial
                    name = f"{g} {chr(65 + attempt % 26)}. {f}"
                key = norm_key(name)
                if key not in used_keys:
                    break
            used_keys.add(key)
            variants = _variants(name, st.region, family_first, rng)
            ids.append(len(officials))
            officials.append(Official(name, st.code, titles[k], family_first, variants))
        by_state[st.code] = tuple(ids)

    places: list[Place] = []
    capitals = dict(_parse_table(_CAPITALS))
    for st in states:
        places.append(Place(capitals.get(st.code, f"{st.name} City"), st.code))
    for code, city in _parse_table(_OTHER_CITIES):  # the better-known cities come first
        if code in state_index and len(places) < N_PLACES:
            places.append(Place(city, code))
    places_by_state: dict[str, list[int]] = {}
    for i, p in enumerate(places):
        places_by_state.setdefault(p.country, []).append(i)
    names_to_place = {p.name: i for i, p in enumerate(places)}
    hub_places = tuple(names_to_place[c] for c in _HUB_CITIES if c in names_to_place)

    orgs: list[Organization] = []
    for line in _ORGANIZATIONS.strip().splitlines():
        acronym, name, country, definite = line.split("|")
        orgs.append(Organization(name, acronym, country, definite == "1"))

    day_weights = _day_weights(rng)
    world = World(
        seed=seed,
        states=tuple(states),
        officials=tuple(officials),
        organizations=tuple(orgs),
        places=tuple(places),
        issues=(),
        day_weights=day_weights,
        state_index=state_index,
        officials_by_state=by_state,
        places_by_state={k: tuple(v) for k, v in places_by_state.items()},
        hub_places=hub_places,
    )
    return dataclasses.replace(world, issues=_build_issues(world, rng))


# States whose short name takes "the" in running text; long official names mostly do too.
_DEFINITE_STATES: Final = frozenset(
    _words("USA GBR ARE NLD PHL BHS GMB CZE COD COG VAT MDV COM CAF DOM MHL SLB SYC")
)
_DEFINITE_WORDS: Final = frozenset(
    _words(
        "Republic Kingdom Federation Sultanate State States Union Emirates Commonwealth "
        "Principality Duchy Confederation Islands Federated"
    )
)


def running_name(code: str, name: str) -> str:
    """A state's name as it reads inside a sentence: "the United States", "Syria"."""
    if code in _DEFINITE_STATES or _DEFINITE_WORDS.intersection(name.split()):
        return "the " + name
    return name


def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def _build_issues(world: World, rng: random.Random) -> tuple[Issue, ...]:
    by_rank = sorted(world.states, key=lambda s: s.rank)
    state_pick = _Sampler(_zipf(len(by_rank), ZIPF_S))
    conflicts = [s for s in by_rank if s.code in _CONFLICTS]
    conflict_pick = _Sampler([(s.rank + 1) ** -ZIPF_S for s in conflicts])
    days = _Sampler(world.day_weights)
    issues: list[Issue] = []
    seen: set[str] = set()
    while len(issues) < N_ISSUES:
        template, kind, pair, conflict = rng.choice(_ISSUES)
        subject = conflicts[conflict_pick(rng)] if conflict else by_rank[state_pick(rng)]
        other = by_rank[state_pick(rng)]
        if pair and other.code == subject.code:
            continue
        cities = world.places_by_state[subject.code]
        capital = cities[0]
        city = rng.choice(cities[1:]) if len(cities) > 1 else capital
        hub = rng.choice(world.hub_places)
        about = template.format(
            S=running_name(subject.code, subject.name),
            S2=running_name(other.code, other.name),
            S_POSS=_possessive(running_name(subject.code, subject.name)),
            P=world.places[city].name,
            C=world.places[capital].name,
            H=world.places[hub].name,
        )
        if about in seen:
            continue
        seen.add(about)
        event: IssueEvent | None = None
        if kind:
            when = YEAR_START + timedelta(days=days(rng))
            if kind == "Referendum":
                event = IssueEvent(kind, when, city, ())
            elif kind == "Conference":
                event = IssueEvent(kind, when, hub, ())
            else:
                where = hub if "de-escalation" in template else capital
                event = IssueEvent(kind, when, where, (subject.code, other.code))
        issues.append(Issue(about, subject.code, event))
    return tuple(issues)


# ---------------------------------------------------------------------- sampling


class _Sampler:
    """Draws an index with probability proportional to its weight."""

    __slots__ = ("_cum", "_last", "_total")

    def __init__(self, weights: Sequence[float]) -> None:
        cum = list(itertools.accumulate(weights))
        if not cum or cum[-1] <= 0:
            raise ValueError("weights must have a positive sum")
        self._cum = cum
        self._total = cum[-1]
        self._last = len(cum) - 1

    def __call__(self, rng: random.Random) -> int:
        return min(bisect.bisect_right(self._cum, rng.random() * self._total), self._last)


def relation_count_weights(mean: float) -> list[float]:
    """P(k) for k = 1..MAX_RELATIONS: 1 + a Poisson truncated to MAX_RELATIONS - 1, given mean."""
    if not 1.0 <= mean < MAX_RELATIONS:
        raise ValueError(f"relations mean must be in [1, {MAX_RELATIONS})")

    def weights(lam: float) -> list[float]:
        return [lam**j / math.factorial(j) for j in range(MAX_RELATIONS)]

    def mean_of(lam: float) -> float:
        w = weights(lam)
        return sum((j + 1) * x for j, x in enumerate(w)) / sum(w)

    lo, hi = 0.0, 1.0
    while mean_of(hi) < mean:
        hi *= 2.0
    for _ in range(100):
        mid = (lo + hi) / 2.0
        lo, hi = (mid, hi) if mean_of(mid) < mean else (lo, mid)
    w = weights((lo + hi) / 2.0)
    total = sum(w)
    return [x / total for x in w]


def _parse_mix(mix: Sequence[float]) -> tuple[float, float, float]:
    if len(mix) != 3 or any(x < 0 for x in mix) or sum(mix) <= 0:
        raise ValueError("mix must be three non-negative weights (MET_WITH, SUPPORTS, REJECTS)")
    total = float(sum(mix))
    return (mix[0] / total, mix[1] / total, mix[2] / total)


@dataclass(slots=True)
class _Event:
    kind: str
    date: date
    place: int | None
    participants: tuple[Ref, ...]
    remaining: int
    sources: list[str]


class _ArticleBuilder:
    """Declares entities and events on first use and keeps local ids unique."""

    def __init__(self, world: World, rng: random.Random, variant_rate: float) -> None:
        self.world = world
        self.rng = rng
        self.variant_rate = variant_rate
        self.entities: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.relations: list[dict[str, Any]] = []
        self._local: dict[Ref, str] = {}
        self._names: dict[Ref, str] = {}
        self._used: set[str] = set()
        self._issue_events: dict[int, str] = {}

    def _unique(self, base: str) -> str:
        local, n = base, 1
        while local in self._used:
            n += 1
            local = f"{base}-{n}"
        self._used.add(local)
        return local

    def ref(self, r: Ref) -> str:
        local = self._local.get(r)
        if local is not None:
            return local
        kind, i = r
        w = self.world
        entity: dict[str, Any]
        if kind == "official":
            o = w.officials[i]
            name = o.name
            if o.variants and self.rng.random() < self.variant_rate:
                name = self.rng.choice(o.variants)
            local = self._unique(slug(name))
            entity = {
                "id": local,
                "type": "Official",
                "name": name,
                "country": o.country,
                "title": o.title,
            }
        elif kind == "state":
            s = w.states[i]
            name = s.alt_name if s.alt_name and self.rng.random() < 0.15 else s.name
            local = self._unique(s.code.lower())
            entity = {"id": local, "type": "State", "name": name, "country": s.code}
        elif kind == "org":
            g = w.organizations[i]
            name = g.name
            local = self._unique(slug(g.acronym))
            entity = {"id": local, "type": "Organization", "name": g.name, "country": g.country}
            if g.acronym != g.name:
                entity["aliases"] = [g.acronym]
        else:
            p = w.places[i]
            name = p.name
            local = self._unique(slug(p.name))
            entity = {"id": local, "type": "Place", "name": p.name, "country": p.country}
        self._local[r] = local
        self._names[r] = name
        self.entities.append(entity)
        return local

    def name(self, r: Ref) -> str:
        self.ref(r)
        return self._names[r]

    def speaker(self, r: Ref) -> str:
        """How a sentence introduces the actor: "Iran's Foreign Minister Amir Rahimi"."""
        kind, i = r
        if kind == "official":
            o = self.world.officials[i]
            st = self.world.state(o.country)
            return f"{_possessive(running_name(st.code, st.name))} {o.title} {self.name(r)}"
        if kind == "org":
            g = self.world.organizations[i]
            return f"the {self.name(r)}" if g.definite else self.name(r)
        if kind == "state":
            return running_name(self.world.states[i].code, self.name(r))
        return self.name(r)

    def short(self, r: Ref) -> str:
        """How a headline names the actor: family name, acronym or state name."""
        kind, i = r
        if kind == "official":
            tokens = self.name(r).split(" ")
            family = tokens[0] if self.world.officials[i].family_first else tokens[-1]
            return family[0].upper() + family[1:]
        if kind == "org":
            return self.world.organizations[i].acronym
        return self.name(r)

    def country_name(self, r: Ref) -> str:
        kind, i = r
        if kind == "official":
            st = self.world.state(self.world.officials[i].country)
            return running_name(st.code, st.name)
        return self.speaker(r)

    def add_event(self, ev: _Event) -> str:
        local = self._unique(f"ev{len(self.events) + 1}")
        doc: dict[str, Any] = {"id": local, "type": ev.kind, "date": ev.date}
        if ev.place is not None:
            doc["place"] = self.ref(("place", ev.place))
        doc["participants"] = [self.ref(p) for p in ev.participants]
        self.events.append(doc)
        return local

    def add_issue_event(self, issue_index: int) -> str:
        local = self._issue_events.get(issue_index)
        if local is not None:
            return local
        issue = self.world.issues[issue_index]
        assert issue.event is not None
        ie = issue.event
        local = self._unique(f"ev{len(self.events) + 1}")
        doc: dict[str, Any] = {
            "id": local,
            "type": ie.kind,
            "date": ie.date,
            "place": self.ref(("place", ie.place)),
        }
        if ie.participants:
            doc["participants"] = [
                self.ref(("state", self.world.state_index[c])) for c in ie.participants
            ]
        self.events.append(doc)
        self._issue_events[issue_index] = local
        return local


class _Generator:
    def __init__(
        self,
        world: World,
        seed: int,
        relations_mean: float,
        mix: Sequence[float],
        variant_rate: float,
        reports_per_event: float,
    ) -> None:
        if not 0.0 <= variant_rate <= 1.0:
            raise ValueError("variant_rate must be in [0, 1]")
        if reports_per_event < 1.0:
            raise ValueError("reports_per_event must be at least 1")
        self.world = world
        self.seed = seed
        self.rng = random.Random(f"diplograph-articles:{seed}")
        self.variant_rate = variant_rate
        self.reuse = 1.0 - 1.0 / reports_per_event
        extra = reports_per_event - 1.0  # reports after the first: 1 + Poisson-ish spread
        self.quota = _Sampler([math.exp(-extra) * extra**k / math.factorial(k) for k in range(8)])
        self.count = _Sampler(relation_count_weights(relations_mean))
        self.kind = _Sampler(_parse_mix(mix))
        self.days = _Sampler(world.day_weights)
        self.open: list[_Event] = []
        self.by_rank = sorted(range(len(world.states)), key=lambda i: world.states[i].rank)
        self.state = _Sampler(_zipf(len(self.by_rank), ZIPF_S))
        # officials inherit the popularity of their state; the foreign minister is the busiest
        weights: list[float] = []
        for o_index, o in enumerate(world.officials):
            st = world.state(o.country)
            siblings = world.officials_by_state[o.country]
            k = siblings.index(o_index)
            within = [0.7, 1.0, *(1.0 / j for j in range(2, len(siblings)))]
            weights.append((st.rank + 1) ** -ZIPF_S * within[k] / sum(within))
        self.official = _Sampler(weights)
        self.org = _Sampler(_zipf(len(world.organizations), 1.0))
        self.issue = _Sampler(_zipf(len(world.issues), 1.0))
        self.source = _Sampler([w for _, _, w in _SOURCES])

    # -- draws

    def day(self) -> date:
        return YEAR_START + timedelta(days=self.days(self.rng))

    def pick_state(self) -> int:
        return self.by_rank[self.state(self.rng)]

    def pick_officials(self, n: int) -> list[int]:
        """n officials of n different states (when the draws allow it)."""
        chosen: list[int] = []
        countries: set[str] = set()
        tries = 0
        while len(chosen) < n:
            o = self.official(self.rng)
            country = self.world.officials[o].country
            tries += 1
            if o in chosen or (country in countries and tries < 50):
                continue
            chosen.append(o)
            countries.add(country)
        return chosen

    def city_of(self, code: str) -> int:
        cities = self.world.places_by_state[code]
        if len(cities) == 1 or self.rng.random() < 0.7:
            return cities[0]
        return self.rng.choice(cities[1:])

    def new_event(self, min_participants: int) -> _Event:
        rng = self.rng
        roll = rng.random()
        kind = "Meeting" if roll < 0.55 else "Visit" if roll < 0.85 else "Call"
        if kind == "Call":
            n = 2
        elif kind == "Visit":
            n = 2 if rng.random() < 0.7 else 3
        else:
            roll = rng.random()
            n = 2 if roll < 0.55 else 3 if roll < 0.85 else 4
        n = max(n, min_participants)
        if (kind == "Call" and n > 2) or (kind == "Visit" and n > 3):
            kind = "Meeting"
        refs: list[Ref] = [("official", o) for o in self.pick_officials(n)]
        if kind == "Meeting" and rng.random() < 0.05:
            refs[-1] = ("org", self.org(rng))
        place: int | None = None
        if kind == "Visit":  # the first participant visits the second
            place = self.city_of(self.world.officials[refs[1][1]].country)
        elif kind == "Meeting":
            if rng.random() < 0.6:
                host = refs[rng.randrange(len(refs))]
                country = (
                    self.world.officials[host[1]].country
                    if host[0] == "official"
                    else self.world.organizations[host[1]].country
                )
                place = self.city_of(country)
            else:
                place = rng.choice(self.world.hub_places)
        return _Event(kind, self.day(), place, tuple(refs), self.quota(rng), [])

    def take_event(self, n_met: int) -> _Event:
        """An event still owed reports, or a new one (so each gets about three reports).

        The event has enough participants for `n_met` MET_WITH pairs (at most 4 people).
        """
        rng = self.rng
        needed = next(n for n in (2, 3, 4) if n * (n - 1) // 2 >= min(n_met, 6) or n == 4)
        # A long backlog would leave events under-reported at the end of the corpus.
        if self.open and (rng.random() < self.reuse or len(self.open) > 24):
            for _ in range(8):
                i = rng.randrange(len(self.open))
                ev = self.open[i]
                if len(ev.participants) < needed:
                    continue
                ev.remaining -= 1
                if ev.remaining <= 0:
                    self.open[i] = self.open[-1]
                    self.open.pop()
                return ev
        ev = self.new_event(needed)
        if ev.remaining > 0:
            self.open.append(ev)
        return ev

    def pick_source(self, avoid: Sequence[str]) -> tuple[str, str]:
        for _ in range(20):
            name, host, _ = _SOURCES[self.source(self.rng)]
            if name not in avoid:
                return name, host
        name, host, _ = _SOURCES[self.source(self.rng)]
        return name, host

    # -- relations

    def met_evidence(self, b: _ArticleBuilder, ev: _Event, a: Ref, c: Ref) -> str:
        rng = self.rng
        sa, sc = b.speaker(a), b.speaker(c)
        day = f"{ev.date.day} {ev.date:%B}"
        where = b.name(("place", ev.place)) if ev.place is not None else ""
        if ev.kind == "Call":
            return rng.choice(
                (
                    f"{sa} spoke by telephone with {sc} on {day}.",
                    f"{sa} and {sc} discussed bilateral ties in a phone call on {day}.",
                )
            )
        if ev.kind == "Visit" and a == ev.participants[0]:
            return rng.choice(
                (
                    f"{sa} was received by {sc} in {where} on {day}.",
                    f"{sa} held talks with {sc} during a visit to {where}.",
                )
            )
        return rng.choice(
            (
                f"{sa} met {sc} in {where} on {day}.",
                f"{sa} held talks with {sc} in {where} on {day}.",
                f"{sa} and {sc} met in {where}.",
            )
        )

    def event_title(self, b: _ArticleBuilder, ev: _Event) -> str:
        a, c = b.short(ev.participants[0]), b.short(ev.participants[1])
        where = b.name(("place", ev.place)) if ev.place is not None else ""
        options: tuple[str, ...]
        if ev.kind == "Call":
            options = (f"{a}, {c} hold phone call", f"{a} speaks with {c} by phone")
        elif ev.kind == "Visit":
            options = (f"{a} visits {where}", f"{a} arrives in {where} for talks with {c}")
        else:
            options = (
                f"{a} meets {c} in {where}",
                f"{a}, {c} hold talks in {where}",
                f"{a} and {c} discuss ties in {where}",
            )
        return self.rng.choice(options)

    def confidence(self, rel: dict[str, Any]) -> None:
        if self.rng.random() < 0.15:
            rel["confidence"] = round(self.rng.uniform(0.55, 0.95), 2)

    def statement(self, b: _ArticleBuilder, kind: str, when: date) -> str:
        """Adds one SUPPORTS or REJECTS relation; returns a headline for it."""
        rng, w = self.rng, self.world
        issue_index = self.issue(rng)
        issue = w.issues[issue_index]
        subject: Ref = ("state", w.state_index[issue.subject])
        for _ in range(10):
            roll = rng.random()
            source: Ref = (
                ("official", self.official(rng))
                if roll < 0.75
                else ("state", self.pick_state())
                if roll < 0.9
                else ("org", self.org(rng))
            )
            if source != subject:
                break
        about = issue.about
        roll = rng.random()
        target_ref: Ref | None = None
        target_event: str | None = None
        if issue.event is not None and issue.event.date <= when and roll < 0.4:
            target_event = b.add_issue_event(issue_index)
        elif roll < 0.8 and source != subject:
            target_ref = subject
        elif roll < 0.9:
            target_ref = ("org", self.org(rng))
            about = f"the {w.organizations[target_ref[1]].acronym} position on {issue.about}"
        else:
            leaders = w.officials_by_state[issue.subject][:2]
            target_ref = ("official", rng.choice(leaders))
            o = w.officials[target_ref[1]]
            about = f"the remarks by {o.title} {b.name(target_ref)} on {issue.about}"
        if target_ref == source:
            usable = issue.event is not None and issue.event.date <= when
            target_event = b.add_issue_event(issue_index) if usable else None
            fallback: Ref = ("org", 0) if source != ("org", 0) else ("org", 1)
            target_ref = fallback if target_event is None else None
        src = b.ref(source)
        target = target_event if target_event is not None else b.ref(target_ref or subject)
        evidence = rng.choice(_SUPPORT_EVIDENCE if kind == "SUPPORTS" else _REJECT_EVIDENCE)
        if source[0] == "official":
            country = b.country_name(source)
            text = evidence.format(
                S=b.speaker(source), C=country, C_POSS=_possessive(country), A=about
            )
        else:  # "Germany said it supports", not "Germany said Germany supports"
            text = evidence.format(S=b.speaker(source), C="it", C_POSS="its", A=about)
        rel: dict[str, Any] = {
            "type": kind,
            "source": src,
            "target": target,
            "date": when,
            "about": about,
            "evidence": text[0].upper() + text[1:],
        }
        self.confidence(rel)
        b.relations.append(rel)
        headline = rng.choice(_SUPPORT_TITLES if kind == "SUPPORTS" else _REJECT_TITLES)
        return headline.format(X=b.short(source), A=about)

    def standalone_meeting(self, b: _ArticleBuilder, when: date) -> str:
        a, c = (("official", o) for o in self.pick_officials(2))
        sa, sc = b.speaker(a), b.speaker(c)
        text = self.rng.choice(
            (
                f"{sa} held talks with {sc}.",
                f"{sa} met {sc} on the sidelines of a regional forum.",
                f"{sa} met {sc} earlier this week, officials said.",
            )
        )
        rel: dict[str, Any] = {
            "type": "MET_WITH",
            "source": b.ref(a),
            "target": b.ref(c),
            "date": when,
            "evidence": text[0].upper() + text[1:],
        }
        self.confidence(rel)
        b.relations.append(rel)
        return f"{b.short(a)} holds talks with {b.short(c)}"

    # -- articles

    def article(self, number: int) -> Article:
        rng = self.rng
        b = _ArticleBuilder(self.world, rng, self.variant_rate)
        n_rel = self.count(rng) + 1
        kinds = [RELATION_TYPES[self.kind(rng)] for _ in range(n_rel)]
        n_met = kinds.count("MET_WITH")
        titles: list[str] = []
        ev: _Event | None = None
        if n_met and rng.random() < EVENT_SHARE:
            ev = self.take_event(n_met)
            ev_local = b.add_event(ev)
            pairs = list(itertools.combinations(ev.participants, 2))
            rng.shuffle(pairs)
            for a, c in pairs[:n_met]:
                rel: dict[str, Any] = {
                    "type": "MET_WITH",
                    "source": b.ref(a),
                    "target": b.ref(c),
                    "event": ev_local,
                    "date": ev.date,
                    "evidence": self.met_evidence(b, ev, a, c),
                }
                self.confidence(rel)
                b.relations.append(rel)
            n_met -= min(n_met, len(pairs))
            titles.append(self.event_title(b, ev))
            lag = rng.choice((0, 0, 0, 1, 1, 1, 2, 3))
            published = max(ev.date, min(ev.date + timedelta(days=lag), YEAR_END))
            source, host = self.pick_source(ev.sources)
            ev.sources.append(source)
        else:
            published = self.day()
            source, host = self.pick_source(())
        for _ in range(n_met):
            titles.append(self.standalone_meeting(b, published))
        for kind in kinds:
            if kind != "MET_WITH":
                titles.append(self.statement(b, kind, published))
        article_id = f"synth-{self.seed}-{number}"
        title = titles[0]
        doc: Article = {
            "format": FORMAT_MARKER,
            "article": {
                "id": article_id,
                "title": title[0].upper() + title[1:],
                "published": published,
                "source": source,
                "url": f"https://{host}/{published:%Y/%m/%d}/{article_id}",
                "language": "en",
            },
            "entities": b.entities,
        }
        if b.events:
            doc["events"] = b.events
        doc["relations"] = b.relations
        return doc


# ------------------------------------------------------------------------ public


def generate(
    n_articles: int,
    seed: int,
    *,
    relations_mean: float = DEFAULT_RELATIONS_MEAN,
    mix: Sequence[float] = DEFAULT_MIX,
    variant_rate: float = DEFAULT_VARIANT_RATE,
    reports_per_event: float = REPORTS_PER_EVENT,
    world: World | None = None,
) -> Iterator[Article]:
    """Yields `n_articles` native-format article documents, deterministically from `seed`.

    Dates are `datetime.date` values, as `yaml.safe_load` would return them.  Options are
    checked at the call, before the first article: a bad one raises `ValueError`.
    """
    if n_articles < 0:
        raise ValueError("n_articles must not be negative")
    gen = _Generator(
        world or build_world(seed), seed, relations_mean, mix, variant_rate, reports_per_event
    )
    return (gen.article(number) for number in range(1, n_articles + 1))


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    """Safe dumper without anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _yaml_dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1 << 16)


class _Unsupported(Exception):
    """A value the fast YAML writer leaves to PyYAML."""


# Strings PyYAML writes plain: a letter first, no indicators, not a YAML 1.1 bool or null.
_PLAIN_RE: Final = re.compile(r"[A-Za-z](?:[A-Za-z0-9 .,'()/_:-]*[A-Za-z0-9.')/_])?\Z")
_RESERVED: Final = frozenset(
    _words("y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF")
    + _words("null Null NULL")
)


def _scalar(value: Any) -> str:
    kind = type(value)
    if kind is str:
        if (
            _PLAIN_RE.match(value)
            and value not in _RESERVED
            and "  " not in value
            and ": " not in value
        ):
            return str(value)
        if "\n" in value:
            raise _Unsupported
        text = _yaml_dump(value)
        return text.removesuffix("\n...\n").removesuffix("\n")
    if kind is date:
        return str(value.isoformat())
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is float and math.isfinite(value):
        text = repr(value).lower()
        return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text
    if value is None:
        return "null"
    raise _Unsupported


def _yaml_mapping(m: dict[str, Any], indent: int, out: list[str], lead: str | None) -> None:
    pad = " " * indent
    for key, value in m.items():
        head = f"{pad if lead is None else lead}{_scalar(key)}:"
        lead = None
        if isinstance(value, dict):
            if not value:
                raise _Unsupported
            out.append(head + "\n")
            _yaml_mapping(value, indent + 2, out, None)
        elif isinstance(value, list):
            if not value:
                out.append(head + " []\n")
                continue
            out.append(head + "\n")
            for item in value:
                if isinstance(item, dict) and item:
                    _yaml_mapping(item, indent + 2, out, pad + "- ")
                elif isinstance(item, dict | list):
                    raise _Unsupported
                else:
                    out.append(f"{pad}- {_scalar(item)}\n")
        else:
            out.append(f"{head} {_scalar(value)}\n")


def to_yaml(doc: Article) -> str:
    """The YAML text of a document, the same as PyYAML's block style, only faster.

    Documents of other shapes (nested lists, empty mappings, multi-line strings) go
    through PyYAML itself.
    """
    out: list[str] = []
    try:
        _yaml_mapping(doc, 0, out, None)
    except _Unsupported:
        return _yaml_dump(doc)
    return "".join(out)


def dump_article(doc: Article, fmt: Format = "yaml") -> bytes:
    """The bytes of one article file."""
    if fmt == "json":
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n"
    return to_yaml(doc).encode("utf-8")


def write_corpus(
    out_dir: str | Path,
    n: int,
    seed: int,
    fmt: Format = "yaml",
    *,
    relations_mean: float = DEFAULT_RELATIONS_MEAN,
    mix: Sequence[float] = DEFAULT_MIX,
    variant_rate: float = DEFAULT_VARIANT_RATE,
    per_file: int = 1,
) -> int:
    """Writes `n` articles and returns how many were written.

    With `per_file=1` (the default) each article is one file, `<id>.yaml` or `<id>.json`.
    With `per_file=K` the files are `synth-<seed>-part-<k>.<fmt>`, each a YAML stream or a
    JSON array of up to K articles: far fewer files for large corpora.
    """
    docs = generate(n, seed, relations_mean=relations_mean, mix=mix, variant_rate=variant_rate)
    return _write(Path(out_dir), docs, fmt, per_file, seed)


def _write(
    out: Path, docs: Iterable[Article], fmt: Format, per_file: int = 1, seed: int = 0
) -> int:
    if fmt not in ("yaml", "json"):
        raise ValueError(f"unknown format {fmt!r}")
    if per_file < 1:
        raise ValueError("per_file must be at least 1")
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    if per_file == 1:
        for doc in docs:
            (out / f"{doc['article']['id']}.{fmt}").write_bytes(dump_article(doc, fmt))
            written += 1
        return written
    iterator = iter(docs)
    part = 0
    while batch := list(itertools.islice(iterator, per_file)):
        part += 1
        if fmt == "json":
            data = orjson.dumps(batch, option=orjson.OPT_INDENT_2) + b"\n"
        else:
            data = "".join("---\n" + to_yaml(doc) for doc in batch).encode("utf-8")
        (out / f"synth-{seed}-part-{part:05d}.{fmt}").write_bytes(data)
        written += len(batch)
    return written


def _event_key(doc: Article, event: dict[str, Any]) -> tuple[Any, ...]:
    """Identity of a reported event across articles, independent of spellings and local ids."""
    entities = {e["id"]: e for e in doc["entities"]}
    place = entities[event["place"]]["name"] if "place" in event else None
    people = sorted(
        (entities[p]["country"], entities[p].get("title") or entities[p]["name"])
        for p in event.get("participants", [])
    )
    return (event["type"], str(event.get("date")), place, tuple(people))


def corpus_stats(docs: Iterable[Article], top: int = 5) -> dict[str, Any]:
    """Summary statistics of a generated corpus (used by the tests and by --stats)."""
    n_articles = 0
    counts: Counter[int] = Counter()
    types: Counter[str] = Counter()
    touches: Counter[str] = Counter()
    touched: list[set[str]] = []
    reports: Counter[tuple[Any, ...]] = Counter()
    spellings: dict[tuple[str, str], set[str]] = {}
    weeks: Counter[int] = Counter()
    for doc in docs:
        n_articles += 1
        entities = {e["id"]: e for e in doc["entities"]}
        for e in doc["entities"]:
            if e["type"] == "Official":
                spellings.setdefault((e["country"], e["title"]), set()).add(e["name"])
        for ev in doc.get("events", []):
            if ev["type"] in ("Meeting", "Visit", "Call"):
                reports[_event_key(doc, ev)] += 1
        counts[len(doc["relations"])] += 1
        weeks[doc["article"]["published"].isocalendar()[1]] += 1
        for rel in doc["relations"]:
            types[rel["type"]] += 1
            states = {
                entities[x]["country"] for x in (rel["source"], rel["target"]) if x in entities
            }
            touched.append(states)
            touches.update(states)
    n_rel = sum(types.values())
    top_states = [code for code, _ in touches.most_common(top)]
    top_set = set(top_states)
    top_share = sum(1 for s in touched if s & top_set) / n_rel if n_rel else 0.0
    busiest = sorted(weeks.values(), reverse=True)
    return {
        "articles": n_articles,
        "relations": n_rel,
        "relations_per_article": n_rel / n_articles if n_articles else 0.0,
        "relation_count_histogram": {str(k): v for k, v in sorted(counts.items())},
        "type_share": {t: types[t] / n_rel for t in RELATION_TYPES} if n_rel else {},
        "top_states": top_states,
        "top_states_relation_share": top_share,
        "events_reported": len(reports),
        "reports_per_event": sum(reports.values()) / len(reports) if reports else 0.0,
        "officials_seen": len(spellings),
        "officials_with_variants": sum(1 for names in spellings.values() if len(names) > 1),
        "busiest_week_share": busiest[0] / n_articles if busiest else 0.0,
        "median_week_share": busiest[len(busiest) // 2] / n_articles if busiest else 0.0,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description="Write a synthetic diplograph corpus."
    )
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument("--seed", type=int, required=True, help="random seed")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--format", choices=("yaml", "json"), default="yaml")
    parser.add_argument(
        "--relations-mean",
        type=float,
        default=DEFAULT_RELATIONS_MEAN,
        help="mean relations per article, 1..5 (default 1.5)",
    )
    parser.add_argument(
        "--mix",
        default=",".join(str(x) for x in DEFAULT_MIX),
        help="MET_WITH,SUPPORTS,REJECTS weights (default 0.6,0.25,0.15)",
    )
    parser.add_argument(
        "--variant-rate",
        type=float,
        default=DEFAULT_VARIANT_RATE,
        help="chance an article spells an official's name differently",
    )
    parser.add_argument(
        "--per-file",
        type=int,
        default=1,
        help="articles per file (default 1); more makes YAML streams or JSON arrays",
    )
    parser.add_argument("--stats", action="store_true", help="print corpus statistics as JSON")
    args = parser.parse_args(argv)
    try:
        mix = [float(x) for x in args.mix.split(",")]
        docs = generate(
            args.articles,
            args.seed,
            relations_mean=args.relations_mean,
            mix=mix,
            variant_rate=args.variant_rate,
        )
        kept: list[Article] = []
        started = time.perf_counter()
        fmt: Format = "json" if args.format == "json" else "yaml"
        written = _write(
            args.out, _tee(docs, kept) if args.stats else docs, fmt, args.per_file, args.seed
        )
        elapsed = time.perf_counter() - started
    except ValueError as exc:
        parser.error(str(exc))
    print(f"wrote {written} articles to {args.out} in {elapsed:.2f}s", file=sys.stderr)
    if args.stats:
        sys.stdout.buffer.write(
            orjson.dumps(corpus_stats(kept), option=orjson.OPT_INDENT_2, default=str) + b"\n"
        )
    return 0


def _tee(docs: Iterable[Article], into: list[Article]) -> Iterator[Article]:
    for doc in docs:
        into.append(doc)
        yield doc


if __name__ == "__main__":
    sys.exit(main())
