"""A deterministic synthetic corpus of scraped pages, for benchmarks.

`generate_corpus(out_dir, n_docs, seed)` writes `out_dir/<outlet>/<year>/<month>/<doc-id>.txt` files
shaped like the seeds: a title, a byline or dateline, paragraphs on one line each with blank lines
between, section headings, "Source:" lines, boilerplate tails in several languages, reader comment
threads, and a few pages that are nothing but comments. Sizes are lognormal (median about 8 KB,
capped at 200 KB); a few percent of files are in legacy code pages, carry mojibake or end lines
with CRLF.

The same (n_docs, seed) gives byte-identical files and names on any machine: every random choice
comes from `random.Random` seeded per document with a string (hashed with SHA-512, not `hash()`),
nothing iterates a set and nothing reads the clock. Document i does not depend on n_docs, so a
smaller corpus is a prefix of a larger one with the same seed.

    python -m tests.devtools.bench.corpus OUT_DIR N [--seed S]
"""

from __future__ import annotations

import argparse
import calendar
import codecs
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

MEDIAN_BYTES = 7_400
# With this spread a 20,000-document corpus reaches the cap a handful of times, like a real crawl
# whose longest pages are reports or transcripts.
SIZE_SIGMA = 0.85
MIN_BYTES = 300
MAX_BYTES = 200_000
FIRST_YEAR, LAST_YEAR = 2017, 2024

LEGACY_SHARE = 0.03
MOJIBAKE_SHARE = 0.03
CRLF_SHARE = 0.01
COMMENTS_ONLY_SHARE = 0.05
# Most Russian legacy pages are Windows-1251; KOI8-R survives on a few old sites.
KOI8_SHARE = 0.25
# Some CMSs double-encode only the article body from the database, leaving the template intact.
MOJIBAKE_CONTENT_ONLY_SHARE = 0.3
MOJIBAKE_TWICE_SHARE = 0.1

RELATED = "{related}"


@dataclass(frozen=True)
class CorpusStats:
    n_docs: int
    n_bytes: int
    n_legacy: int
    n_mojibake: int


@dataclass(frozen=True)
class Language:
    code: str
    words: tuple[str, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    places: tuple[str, ...]
    months: tuple[str, ...]
    quotes: tuple[str, str]
    dash: str
    question: tuple[str, str]
    exclamation: str
    percent: str
    title_case: bool
    headings: tuple[str, ...]
    categories: tuple[str, ...]
    dates: tuple[str, ...]
    bylines: tuple[str, ...]
    source: str
    read_also: str
    caption: str
    tails: tuple[tuple[str, ...], ...]
    thread_headings: tuple[str, ...]
    comment_headers: tuple[str, ...]
    comment_openers: tuple[str, ...]
    reply: str
    legacy_codecs: tuple[str, ...]


@dataclass(frozen=True)
class Outlet:
    name: str
    slug: str
    language: Language
    weight: int
    curly_share: float
    separator: str
    thread_share: float
    house_tail: int
    house_byline: int


def _bank(function_words: str, content_words: str) -> tuple[str, ...]:
    """Function words several times over, so that they dominate running text as they do in real
    prose (and language identification has its usual cues)."""
    return tuple(function_words.split() * 4 + content_words.split())


def _names(text: str) -> tuple[str, ...]:
    """Semicolon-separated entries; whitespace inside one (a line break in the source) is a space."""
    return tuple(" ".join(name.split()) for name in text.split(";") if name.strip())


EN = Language(
    code="en",
    words=_bank(
        """the of and to a in that is for on with as it was by at from this be are has have not
        but which its or an will would their they his her more than been also after about into
        over who all one can new so if there were had only most such any could other between
        while against both when it’s isn’t doesn’t what we our these those some""",
        """government president minister policy relations country countries economy economic
        market markets trade sanctions security agreement deal talks negotiations meeting summit
        war peace conflict region regional global strategic strategy military defense energy gas
        oil pipeline prices interests influence power powers leaders leadership administration
        officials parliament election elections campaign vote party opposition reform crisis
        situation process development cooperation partnership alliance partners allies support
        pressure threat risk decision decisions future history historical political geopolitical
        international national domestic foreign public private financial social cultural
        diplomatic diplomacy ministry state states nation world order system balance border
        borders territory forces troops army weapons nuclear treaty proposal plan plans project
        projects investment investors companies company banks bank currency dollar growth
        inflation budget debt taxes workers people citizens population media press news report
        reports analysts experts observers sources statement statements interview question
        questions answer issue issues problem problems challenge challenges opportunity result
        results consequences impact role position approach vision goal goals steps step move
        moves measures efforts attempt response reaction signal message narrative rhetoric
        agenda priorities concerns tensions rivalry competition dialogue compromise concessions
        guarantees obligations commitments framework infrastructure transport railway ports
        corridor supply chains industry technology sector agriculture food water climate
        environment health education law court rights justice freedom democracy sovereignty
        independence stability recent current previous next last first second major key main
        important significant serious difficult possible likely clear strong weak long short
        large small high low real true different similar certain direct official open early
        late already still even however therefore indeed perhaps probably certainly simply
        really actually clearly finally recently currently soon again almost together instead
        rather says said argued noted added believes expects wants needs seems remains continues
        became started began announced agreed refused rejected signed proposed warned claimed
        insisted suggested demanded promised reported confirmed denied explained described
        considered discussed decided tried helped allowed forced led made took gave came went saw
        know think understand expect hope believe see take make give build create change keep
        hold reach face lose win pay spend invest produce export import sell buy don’t can’t
        won’t that’s détente naïve vis-à-vis rapprochement""",
    ),
    first_names=_names(
        """James; Mary; John; Patricia; Robert; Jennifer; Michael; Linda; William; Elizabeth;
        David; Susan; Richard; Jessica; Joseph; Sarah; Thomas; Karen; Andrew; Emily; Daniel;
        Laura; Mark; Anna; Paul; Rachel; Steven; Helen; Kevin; Claire"""
    ),
    last_names=_names(
        """Smith; Johnson; Williams; Brown; Jones; Miller; Davis; Wilson; Anderson; Taylor;
        Thomas; Moore; Martin; Jackson; Thompson; White; Harris; Clark; Lewis; Walker; Hall;
        Allen; Young; King; Wright; Scott; Green; Baker; Adams; Nelson; Carter; Mitchell;
        Roberts; Turner; Phillips; Campbell; Parker; Evans; Edwards; Collins; O’Brien"""
    ),
    places=_names(
        """Washington; Moscow; Beijing; London; Brussels; Berlin; Paris; Tehran; Kyiv; Ankara;
        Tokyo; New Delhi; Riyadh; Syria; Ukraine; Russia; China; Iran; India; Turkey; Europe;
        America; Africa; Eurasia; NATO; the EU; the UN; the Kremlin; the White House; Congress;
        BRICS; the G20; Pompeo; Lavrov; Trump; Putin"""
    ),
    months=_names(
        """January; February; March; April; May; June; July; August; September; October;
        November; December"""
    ),
    quotes=("“", "”"),
    dash="—",
    question=("", "?"),
    exclamation="!",
    percent="{n}%",
    title_case=True,
    headings=_names(
        """Concluding Thoughts; Background; The Bigger Picture; What Comes Next; Analysis;
        Conclusion; The Iranian Sacrifice; Taking Apart The Triangle; A Closer Look; Why It
        Matters"""
    ),
    categories=_names("Politics; World; Opinion; Analysis; Uncategorized; Senza categoria"),
    dates=_names(
        """{month} {d}, {yyyy}; {dd}.{mm}.{yyyy}; {yyyy}-{mm}-{dd}; {d} {month} {yyyy};
        {mm}/{dd}/{yyyy}"""
    ),
    bylines=_names(
        """By {name}; Author: {name}; {dd}.{mm}.{yyyy} Author: {name}; {name} | {date};
        Posted on {date} by {name}; {date}; By {name}, {date}"""
    ),
    source="Source: ",
    read_also="Read also: ",
    caption="Photo: ",
    tails=(
        (
            "Similar Posts",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
        ),
        (
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "Comment",
            "Name *",
            "Email *",
            "Website",
            "Save my name, email, and website in this browser for the next time I comment.",
            "Post Comment",
        ),
        ("Previous Story", RELATED, "Next Story", RELATED, "Latest from {category}"),
        ("Share this:", "Twitter", "Facebook", "Telegram", "Like this:", "Related"),
        ("Please select digest to download:",),
        ("Tags: {tags}", "Related Posts", RELATED, RELATED, RELATED),
        ("Comments are closed.",),
        (
            "You may also like",
            RELATED,
            RELATED,
            "Leave a Reply Cancel reply",
            "You must be logged in to post a comment.",
        ),
        (
            "Lascia un commento",
            "Your email address will not be published.",
            "Previous Story",
            RELATED,
            "Next Story",
            RELATED,
            "Latest from Senza categoria",
        ),
    ),
    thread_headings=_names(
        "{n} Comments; {n} thoughts on “{title}”; Comments; {n} Responses; Discussion"
    ),
    comment_headers=_names(
        """{name} says:; {name} · {n} h; {name}, {n} hours ago; {name} says:;
        {n} days ago; {name} on {month} {d}, {yyyy} at {h}:{min} pm"""
    ),
    comment_openers=_names(
        """I think; I’m not sure; In my opinion,; I agree with you,; You’re right,; My guess is;
        IMO; Honestly, I doubt; I’ve been saying this for years:; lol; Do you really believe;
        Great article, but I think; Thanks for this, I think; My take:"""
    ),
    reply="Reply",
    legacy_codecs=("cp1252",),
)

RU = Language(
    code="ru",
    words=_bank(
        """и в не на что с по к как это но из за о от для его её их он она они мы же уже также
        только ещё если или бы так при до после между без через который которые которая этого
        этой этот все всех более очень может был была были будет есть чтобы""",
        """правительство президент министр политика отношения страна страны экономика
        экономический рынок торговля санкции безопасность соглашение сделка переговоры встреча
        саммит война мир конфликт регион региональный глобальный стратегический стратегия
        военный оборона энергетика газ нефть трубопровод цены интересы влияние власть лидеры
        администрация чиновники парламент выборы кампания голосование партия оппозиция реформа
        кризис ситуация процесс развитие сотрудничество партнёрство союз партнёры союзники
        поддержка давление угроза риск решение будущее история исторический политический
        геополитический международный национальный внутренний внешний общественный финансовый
        социальный культурный дипломатический дипломатия министерство государство народ мировой
        порядок система баланс граница территория силы войска армия оружие ядерный договор
        предложение план проект инвестиции инвесторы компании банк валюта доллар рубль рост
        инфляция бюджет долг налоги рабочие люди граждане население СМИ пресса новости доклад
        аналитики эксперты наблюдатели источники заявление интервью вопрос ответ проблема вызов
        возможность результат последствия роль позиция подход цель шаг меры усилия попытка
        реакция сигнал повестка приоритеты напряжённость соперничество конкуренция диалог
        компромисс уступки гарантии обязательства инфраструктура транспорт железная дорога порт
        коридор поставки промышленность технологии сельское хозяйство продовольствие вода
        климат здоровье образование закон суд права справедливость свобода демократия
        суверенитет независимость стабильность недавний нынешний прежний следующий последний
        первый второй главный ключевой важный серьёзный сложный возможный ясный сильный слабый
        долгий большой высокий низкий реальный разный прямой официальный открытый однако
        поэтому действительно возможно вероятно конечно просто наконец недавно сейчас скоро
        снова почти вместе заявил отметил добавил считает ожидает хочет нужно остаётся
        продолжает стал начал объявил согласился отказался подписал предложил предупредил
        подчеркнул сообщил подтвердил опроверг объяснил обсудили решили пытается помогает
        позволяет вынуждает сделать принять дать построить создать изменить сохранить достичь
        потерять выиграть платить производить экспортировать продавать покупать Запад""",
    ),
    first_names=_names(
        """Александр; Сергей; Дмитрий; Андрей; Алексей; Максим; Евгений; Иван; Михаил; Николай;
        Ольга; Елена; Татьяна; Наталья; Ирина; Анна; Мария; Светлана; Юлия; Екатерина; Пётр;
        Фёдор; Артём; Алёна"""
    ),
    last_names=_names(
        """Иванов; Смирнов; Кузнецов; Попов; Васильев; Петров; Соколов; Михайлов; Новиков;
        Фёдоров; Морозов; Волков; Алексеев; Лебедев; Семёнов; Егоров; Павлов; Козлов; Степанов;
        Николаев; Орлов; Андреев; Макаров; Никитин; Захаров; Зайцев; Соловьёв; Борисов"""
    ),
    places=_names(
        """Москва; Вашингтон; Пекин; Лондон; Брюссель; Берлин; Париж; Киев; Анкара; Токио;
        Сирия; Украина; Россия; Китай; Иран; Индия; Турция; Европа; Америка; НАТО; ЕС; ООН;
        Кремль; Белый дом; БРИКС; Лавров; Путин; Трамп; Песков"""
    ),
    months=_names(
        """января; февраля; марта; апреля; мая; июня; июля; августа; сентября; октября; ноября;
        декабря"""
    ),
    quotes=("«", "»"),
    dash="—",
    question=("", "?"),
    exclamation="!",
    percent="{n}%",
    title_case=False,
    headings=_names("Выводы; Предыстория; Что дальше; Анализ; Контекст; Главное"),
    categories=_names("Политика; В мире; Экономика; Мнения; Без рубрики"),
    dates=_names("{dd}.{mm}.{yyyy}; {d} {month} {yyyy}; {d} {month} {yyyy} г.; {yyyy}-{mm}-{dd}"),
    bylines=_names(
        """Автор: {name}; {date}; {name}, {date}; {date} | {name}; Текст: {name};
        {dd}.{mm}.{yyyy} Автор: {name}"""
    ),
    source="Источник: ",
    read_also="Читайте также: ",
    caption="Фото: ",
    tails=(
        ("Читайте также", RELATED, RELATED, RELATED),
        (
            "Добавить комментарий",
            "Ваш адрес email не будет опубликован. Обязательные поля помечены *",
        ),
        ("Поделиться:", "ВКонтакте", "Telegram", "Одноклассники"),
        ("Метки: {tags}", "Похожие статьи", RELATED, RELATED),
        ("Предыдущая статья", RELATED, "Следующая статья", RELATED),
        (
            "Читайте также:",
            RELATED,
            "Оставить комментарий",
            "Вы должны войти, чтобы оставить комментарий.",
        ),
    ),
    thread_headings=_names("Комментарии; Комментарии ({n}); {n} комментариев; Обсуждение"),
    comment_headers=_names(
        "{name} пишет:; {name} написал:; {name} · {n} ч; {n} дней назад; {name}, {dd}.{mm}.{yyyy}"
    ),
    comment_openers=_names(
        """Я думаю,; По-моему,; Мне кажется,; Я согласен,; Вы правы,; Имхо; Я не уверен, что;
        Спасибо за статью, я думаю,; Мой прогноз:; Ты серьёзно думаешь, что"""
    ),
    reply="Ответить",
    legacy_codecs=("cp1251", "koi8_r"),
)

DE = Language(
    code="de",
    words=_bank(
        """der die das und in zu den von mit sich des auf für ist im dem nicht ein eine als auch
        es an er so dass sie nach wie bei um noch nur über aus wird werden hat haben war sind
        zum zur einer einen aber vor durch seit gegen zwischen sowie bereits jedoch doch""",
        """Regierung Präsident Minister Politik Beziehungen Land Länder Wirtschaft wirtschaftlich
        Markt Handel Sanktionen Sicherheit Abkommen Vereinbarung Verhandlungen Treffen Gipfel
        Krieg Frieden Konflikt Region regional weltweit strategisch Strategie Militär
        militärisch Verteidigung Energie Gas Öl Pipeline Preise Interessen Einfluss Macht
        Führung Verwaltung Beamte Bundestag Parlament Wahl Wahlen Wahlkampf Abstimmung Partei
        Opposition Reform Krise Lage Entwicklung Zusammenarbeit Partnerschaft Bündnis Partner
        Verbündete Unterstützung Druck Bedrohung Risiko Entscheidung Zukunft Geschichte
        historisch politisch geopolitisch international national öffentlich finanziell sozial
        kulturell diplomatisch Diplomatie Ministerium Staat Volk Welt Ordnung System
        Gleichgewicht Grenze Gebiet Streitkräfte Truppen Armee Waffen nuklear Vertrag Vorschlag
        Plan Projekt Investitionen Unternehmen Bank Währung Wachstum Inflation Haushalt Schulden
        Steuern Arbeitnehmer Menschen Bürger Bevölkerung Medien Presse Nachrichten Bericht
        Experten Beobachter Quellen Erklärung Interview Frage Antwort Problem Herausforderung
        Möglichkeit Ergebnis Folgen Auswirkungen Rolle Position Ansatz Ziel Schritt Maßnahmen
        Bemühungen Versuch Reaktion Signal Botschaft Prioritäten Spannungen Wettbewerb Dialog
        Kompromiss Zugeständnisse Garantien Verpflichtungen Infrastruktur Verkehr Bahn Hafen
        Lieferketten Industrie Technologie Landwirtschaft Lebensmittel Wasser Klima Umwelt
        Gesundheit Bildung Gesetz Gericht Rechte Gerechtigkeit Freiheit Demokratie Souveränität
        Unabhängigkeit Stabilität jüngste aktuelle frühere nächste letzte erste zweite wichtige
        große kleine hohe niedrige schwierige mögliche klare starke schwache lange kurze echte
        neue alte deutsche europäische russische amerikanische chinesische außerdem deshalb
        tatsächlich vielleicht wahrscheinlich sicherlich einfach wirklich schließlich kürzlich
        derzeit bald wieder fast gemeinsam stattdessen eher sagte erklärte betonte fügte hinzu
        glaubt erwartet will muss scheint bleibt wurde begann kündigte stimmte lehnte
        unterzeichnete schlug warnte forderte versprach bestätigte bestritt beschrieb
        diskutierte entschied versuchte half führte machte nahm gab kam ging sah wissen
        verstehen hoffen bauen schaffen ändern halten erreichen verlieren gewinnen zahlen
        investieren produzieren exportieren verkaufen kaufen Bürgermeister Gemeinde Straße
        Städte Bundesregierung Kanzler Außenminister Ölpreis Größe Behörden Fußball""",
    ),
    first_names=_names(
        """Thomas; Michael; Andreas; Stefan; Jürgen; Klaus; Wolfgang; Markus; Jörg; Uwe; Sabine;
        Claudia; Petra; Monika; Katrin; Anja; Jana; Björn; Günter; Sören; Lena; Lukas; Felix;
        Marie"""
    ),
    last_names=_names(
        """Müller; Schmidt; Schneider; Fischer; Weber; Meyer; Wagner; Becker; Schulz; Hoffmann;
        Schäfer; Koch; Bauer; Richter; Klein; Wolf; Schröder; Neumann; Schwarz; Zimmermann;
        Braun; Krüger; Hartmann; Lange; Werner; Krause; Köhler; Groß; Weiß; Jäger; Böhm"""
    ),
    places=_names(
        """Berlin; München; Hamburg; Köln; Frankfurt; Düsseldorf; Brüssel; Moskau; Washington;
        Peking; Paris; Wien; Zürich; Europa; Russland; China; Deutschland; Österreich; die
        Schweiz; die Türkei; die Ukraine; die EU; die NATO; der Bundestag; Scholz; Merkel"""
    ),
    months=_names(
        """Januar; Februar; März; April; Mai; Juni; Juli; August; September; Oktober; November;
        Dezember"""
    ),
    quotes=("„", "“"),
    dash="–",
    question=("", "?"),
    exclamation="!",
    percent="{n} Prozent",
    title_case=False,
    headings=_names("Fazit; Hintergrund; Wie geht es weiter?; Analyse; Die Lage; Ausblick"),
    categories=_names("Politik; Ausland; Wirtschaft; Meinung; Allgemein"),
    dates=_names("{d}. {month} {yyyy}; {dd}.{mm}.{yyyy}; {yyyy}-{mm}-{dd}"),
    bylines=_names(
        "Von {name}; Autor: {name}; {date}; {name} | {date}; Von {name}, {date}; Veröffentlicht am {date}"
    ),
    source="Quelle: ",
    read_also="Lesen Sie auch: ",
    caption="Foto: ",
    tails=(
        (
            "Schreibe einen Kommentar",
            "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert",
        ),
        ("Ähnliche Beiträge", RELATED, RELATED, RELATED),
        ("Teilen mit:", "Facebook", "Twitter", "WhatsApp", "E-Mail"),
        ("Schlagwörter: {tags}", "Vorheriger Artikel", RELATED, "Nächster Artikel", RELATED),
        ("Das könnte Sie auch interessieren", RELATED, RELATED, "Kommentare sind geschlossen."),
    ),
    thread_headings=_names("{n} Kommentare; Kommentare; {n} Gedanken zu „{title}“"),
    comment_headers=_names("{name} sagt:; {name} schreibt:; vor {n} Stunden; {name} · {n} Std."),
    comment_openers=_names(
        """Ich denke,; Meiner Meinung nach; Ich bin mir nicht sicher, ob; Du hast recht,;
        Ich glaube,; Danke für den Artikel, ich glaube,; Mir scheint,"""
    ),
    reply="Antworten",
    legacy_codecs=("cp1252",),
)

IT = Language(
    code="it",
    words=_bank(
        """il lo la i gli le di a da in con su per tra e che non è un una del della dei delle al
        alla nel nella sono ha hanno anche come più ma se o questo questa suo sua loro già
        ancora dopo prima sempre però quindi perché può sarà così""",
        """governo presidente ministro politica rapporti relazioni paese paesi economia economico
        mercato commercio sanzioni sicurezza accordo trattative negoziati incontro vertice
        guerra pace conflitto regione regionale globale strategico strategia militare difesa
        energia gas petrolio gasdotto prezzi interessi influenza potere potenze leader
        amministrazione funzionari parlamento elezioni campagna voto partito opposizione riforma
        crisi situazione processo sviluppo cooperazione partenariato alleanza alleati sostegno
        pressione minaccia rischio decisione futuro storia storico politico geopolitico
        internazionale nazionale interno estero pubblico finanziario sociale culturale
        diplomatico diplomazia ministero Stato popolo mondo ordine sistema equilibrio confine
        territorio forze truppe esercito armi nucleare trattato proposta piano progetto
        investimenti aziende imprese banca valuta dollaro euro crescita inflazione bilancio
        debito tasse lavoratori persone cittadini popolazione stampa notizie rapporto analisti
        esperti osservatori fonti dichiarazione intervista domanda risposta questione problema
        sfida opportunità risultato conseguenze ruolo posizione approccio obiettivo passo misure
        sforzi tentativo reazione segnale messaggio priorità tensioni rivalità concorrenza
        dialogo compromesso concessioni garanzie obblighi infrastrutture trasporti ferrovia
        porto corridoio forniture industria tecnologia settore agricoltura cibo acqua clima
        ambiente salute istruzione legge tribunale diritti giustizia libertà democrazia
        sovranità indipendenza stabilità recente attuale precedente prossimo ultimo primo
        secondo principale importante grave difficile possibile chiaro forte debole lungo breve
        grande piccolo alto basso vero diverso simile diretto ufficiale aperto perciò infatti
        forse probabilmente certamente semplicemente davvero finalmente recentemente
        attualmente presto quasi insieme invece piuttosto detto dichiarato sottolineato
        aggiunto ritiene prevede vuole deve sembra rimane continua diventato iniziato annunciato
        firmato proposto avvertito confermato spiegato città cioè né l’accordo l’economia
        l’Europa dell’Unione all’estero un’altra l’Italia nell’ambito sull’energia""",
    ),
    first_names=_names(
        """Marco; Giuseppe; Giovanni; Luca; Francesco; Alessandro; Andrea; Matteo; Lorenzo;
        Davide; Giulia; Francesca; Chiara; Sara; Martina; Elena; Valentina; Alessia; Federica;
        Niccolò"""
    ),
    last_names=_names(
        """Rossi; Russo; Ferrari; Esposito; Bianchi; Romano; Colombo; Ricci; Marino; Greco;
        Bruno; Gallo; Conti; De Luca; Mancini; Costa; Giordano; Rizzo; Lombardi; Moretti;
        Fabbri; Barbieri; Fontana; Santoro; D’Angelo"""
    ),
    places=_names(
        """Roma; Milano; Napoli; Torino; Bruxelles; Mosca; Washington; Pechino; Parigi; Berlino;
        Venezia; Firenze; Europa; Russia; Cina; Italia; Germania; Francia; Stati Uniti;
        Unione europea; NATO; Palazzo Chigi; Meloni; Draghi"""
    ),
    months=_names(
        """gennaio; febbraio; marzo; aprile; maggio; giugno; luglio; agosto; settembre; ottobre;
        novembre; dicembre"""
    ),
    quotes=("«", "»"),
    dash="—",
    question=("", "?"),
    exclamation="!",
    percent="{n}%",
    title_case=False,
    headings=_names("Conclusioni; Il contesto; Cosa succede ora; Analisi; Le prospettive"),
    categories=_names("Senza categoria; Politica; Esteri; Economia; Opinioni"),
    dates=_names("{d} {month} {yyyy}; {dd}/{mm}/{yyyy}; {dd}.{mm}.{yyyy}"),
    bylines=_names("di {name}; {date}; {name} | {date}; Autore: {name}; Pubblicato il {date}"),
    source="Fonte: ",
    read_also="Leggi anche: ",
    caption="Foto: ",
    tails=(
        (
            "Lascia un commento",
            "Il tuo indirizzo email non sarà pubblicato. I campi obbligatori sono contrassegnati *",
        ),
        (
            "Lascia un commento",
            "Your email address will not be published.",
            "Previous Story",
            RELATED,
            "Next Story",
            RELATED,
            "Latest from {category}",
        ),
        ("Articoli correlati", RELATED, RELATED, RELATED),
        ("Condividi:", "Facebook", "Twitter", "WhatsApp"),
        ("Tag: {tags}", "Potrebbe interessarti anche", RELATED, RELATED),
    ),
    thread_headings=_names("{n} commenti; Commenti; {n} pensieri su “{title}”"),
    comment_headers=_names("{name} dice:; {name} scrive:; {name} · {n} h; {d} {month} {yyyy}"),
    comment_openers=_names(
        """Secondo me; Io penso che; Mi sembra che; Hai ragione,; Non sono sicuro che;
        Grazie per l’articolo, io credo che; Io credo che"""
    ),
    reply="Rispondi",
    legacy_codecs=("cp1252",),
)

FR = Language(
    code="fr",
    words=_bank(
        """le la les de des du un une et en à au aux dans par pour sur avec sans entre contre que
        qui ne pas plus est sont a ont été sera il elle ils nous on son sa ses leur leurs ce
        cette ces mais ou donc car aussi déjà encore très après avant depuis selon où même
        l’accord l’économie l’Europe d’autres qu’il qu’elle n’est c’est d’un d’une l’État
        aujourd’hui jusqu’à""",
        """gouvernement président ministre politique relations pays économie économique marché
        commerce sanctions sécurité accord négociations pourparlers rencontre sommet guerre paix
        conflit région régional mondial stratégique stratégie militaire défense énergie gaz
        pétrole gazoduc prix intérêts influence pouvoir puissances dirigeants administration
        responsables parlement élection élections campagne vote parti opposition réforme crise
        situation processus développement coopération partenariat alliance partenaires alliés
        soutien pression menace risque décision avenir histoire historique géopolitique
        international national intérieur étranger public financier social culturel
        diplomatique diplomatie ministère nation peuple monde ordre système équilibre frontière
        territoire forces troupes armée armes nucléaire traité proposition plan projet
        investissements entreprises sociétés banque monnaie dollar euro croissance inflation
        budget dette impôts travailleurs gens citoyens population médias presse nouvelles
        rapport analystes experts observateurs sources déclaration entretien question réponse
        problème défi occasion résultat conséquences rôle position approche objectif étape
        mesures efforts tentative réaction signal message priorités tensions rivalité
        concurrence dialogue compromis concessions garanties obligations infrastructures
        transports chemin fer port corridor approvisionnement industrie technologie secteur
        agriculture alimentation eau climat environnement santé éducation loi tribunal droits
        justice liberté démocratie souveraineté indépendance stabilité récent actuel précédent
        prochain dernier premier deuxième principal important grave difficile possible clair
        fort faible long court grand petit haut bas vrai différent semblable direct officiel
        ouvert cependant pourtant ainsi effet peut-être probablement certainement simplement
        vraiment enfin récemment actuellement bientôt presque ensemble plutôt déclaré souligné
        ajouté estime prévoit veut doit semble reste continue devenu commencé annoncé signé
        proposé averti confirmé expliqué élu fenêtre être forêt naïf cœur œuvre français façon
        reçu leçon là déçu hôpital château île goût coût""",
    ),
    first_names=_names(
        """Jean; Pierre; Michel; André; Philippe; Nicolas; François; Julien; Sébastien; Jérôme;
        Marie; Nathalie; Isabelle; Sylvie; Céline; Sophie; Camille; Hélène; Élodie; Aurélie;
        Stéphane; Benoît; Clément; Léa; Chloé"""
    ),
    last_names=_names(
        """Martin; Bernard; Dubois; Thomas; Robert; Richard; Petit; Durand; Leroy; Moreau; Simon;
        Laurent; Lefèbvre; Michel; Garcia; David; Bertrand; Roux; Vincent; Fournier; Morel;
        Girard; André; Lefèvre; Mercier; Dupont; Lambert; Bonnet; François; Gauthier"""
    ),
    places=_names(
        """Paris; Lyon; Marseille; Bruxelles; Moscou; Washington; Pékin; Berlin; Genève; Québec;
        Europe; Russie; Chine; France; Allemagne; États-Unis; Union européenne; OTAN; Élysée;
        Matignon; Macron"""
    ),
    months=_names(
        """janvier; février; mars; avril; mai; juin; juillet; août; septembre; octobre; novembre;
        décembre"""
    ),
    quotes=("«\u00a0", "\u00a0»"),
    dash="—",
    question=("", " ?"),
    exclamation=" !",
    percent="{n} %",
    title_case=False,
    headings=_names("Conclusion; Contexte; Et maintenant ?; Analyse; Les enjeux"),
    categories=_names("Politique; International; Économie; Opinions; Non classé"),
    dates=_names("{d} {month} {yyyy}; {dd}/{mm}/{yyyy}; le {d} {month} {yyyy}"),
    bylines=_names("Par {name}; {date}; {name} | {date}; Publié le {date}; Par {name}, le {date}"),
    source="Source : ",
    read_also="Lire aussi : ",
    caption="Photo : ",
    tails=(
        (
            "Laisser un commentaire",
            "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
        ),
        ("Articles similaires", RELATED, RELATED, RELATED),
        ("Partager :", "Facebook", "Twitter", "E-mail"),
        ("Article précédent", RELATED, "Article suivant", RELATED),
        ("Lire aussi", RELATED, RELATED, "Les commentaires sont fermés."),
    ),
    thread_headings=_names("{n} commentaires; Commentaires; {n} réflexions sur « {title} »"),
    comment_headers=_names("{name} dit :; {name} a écrit :; il y a {n} heures; {name} · {n} h"),
    comment_openers=_names(
        """Je pense que; À mon avis,; Je ne suis pas sûr que; Vous avez raison,;
        Moi, je crois que; J’ai l’impression que; Merci pour l’article, je pense que"""
    ),
    reply="Répondre",
    legacy_codecs=("cp1252",),
)

ES = Language(
    code="es",
    words=_bank(
        """el la los las de del y en a al que por para con sin entre sobre contra un una unos es
        son fue ha han será se no más pero como su sus este esta estos lo le les ya también muy
        después antes desde según donde cuando porque aunque mientras sí él""",
        """gobierno presidente ministro política relaciones país países economía económico
        mercado comercio sanciones seguridad acuerdo negociaciones conversaciones reunión
        cumbre guerra paz conflicto región regional mundial estratégico estrategia militar
        defensa energía gas petróleo gasoducto precios intereses influencia poder potencias
        líderes administración funcionarios parlamento congreso elección elecciones campaña
        voto partido oposición reforma crisis situación proceso desarrollo cooperación
        asociación alianza socios aliados apoyo presión amenaza riesgo decisión futuro historia
        histórico geopolítico internacional nacional interno exterior público financiero social
        cultural diplomático diplomacia ministerio Estado pueblo mundo orden sistema equilibrio
        frontera territorio fuerzas tropas ejército armas nuclear tratado propuesta plan
        proyecto inversiones empresas compañías banco moneda dólar euro peso crecimiento
        inflación presupuesto deuda impuestos trabajadores gente ciudadanos población medios
        prensa noticias informe analistas expertos observadores fuentes declaración entrevista
        pregunta respuesta cuestión problema desafío oportunidad resultado consecuencias papel
        posición enfoque objetivo paso medidas esfuerzos intento reacción señal mensaje
        prioridades tensiones rivalidad competencia diálogo compromiso concesiones garantías
        obligaciones infraestructura transporte ferrocarril puerto corredor suministro industria
        tecnología sector agricultura alimentos agua clima ambiente salud educación ley tribunal
        derechos justicia libertad democracia soberanía independencia estabilidad reciente
        actual anterior próximo último primero segundo principal importante grave difícil
        posible claro fuerte débil largo corto grande pequeño alto bajo verdadero diferente
        similar directo oficial abierto embargo tanto hecho quizás probablemente ciertamente
        simplemente realmente finalmente recientemente actualmente pronto casi juntos cambio
        dijo declaró subrayó añadió cree espera quiere debe parece sigue continúa convirtió
        comenzó anunció firmó propuso advirtió confirmó explicó año años niños compañía mañana
        pequeña dueño acción nación razón además aquí allí qué cómo""",
    ),
    first_names=_names(
        """José; Antonio; Manuel; Francisco; Juan; David; Javier; Daniel; Carlos; Jesús;
        Alejandro; Miguel; María; Carmen; Ana; Laura; Isabel; Lucía; Marta; Cristina; Sofía;
        Pilar; Raúl; Andrés; Inés"""
    ),
    last_names=_names(
        """García; Rodríguez; González; Fernández; López; Martínez; Sánchez; Pérez; Gómez;
        Martín; Jiménez; Ruiz; Hernández; Díaz; Moreno; Muñoz; Álvarez; Romero; Alonso;
        Gutiérrez; Navarro; Torres; Domínguez; Vázquez; Ramos; Gil; Ramírez; Serrano; Blanco"""
    ),
    places=_names(
        """Madrid; Barcelona; Sevilla; Bruselas; Moscú; Washington; Pekín; París; Berlín;
        Ciudad de México; Buenos Aires; Bogotá; Europa; Rusia; China; España; Alemania;
        Francia; Estados Unidos; Unión Europea; OTAN; la Moncloa; Sánchez"""
    ),
    months=_names(
        """enero; febrero; marzo; abril; mayo; junio; julio; agosto; septiembre; octubre;
        noviembre; diciembre"""
    ),
    quotes=("«", "»"),
    dash="—",
    question=("¿", "?"),
    exclamation="!",
    percent="{n}%",
    title_case=False,
    headings=_names("Conclusiones; Antecedentes; ¿Qué viene ahora?; Análisis; El contexto"),
    categories=_names("Política; Internacional; Economía; Opinión; Sin categoría"),
    dates=_names("{d} de {month} de {yyyy}; {dd}/{mm}/{yyyy}; {dd}.{mm}.{yyyy}"),
    bylines=_names("Por {name}; {date}; {name} | {date}; Publicado el {date}; Por {name}, {date}"),
    source="Fuente: ",
    read_also="Lea también: ",
    caption="Foto: ",
    tails=(
        (
            "Deja una respuesta",
            "Tu dirección de correo electrónico no será publicada. Los campos obligatorios están marcados con *",
        ),
        ("Entradas relacionadas", RELATED, RELATED, RELATED),
        ("Compartir:", "Facebook", "Twitter", "WhatsApp"),
        ("Artículo anterior", RELATED, "Artículo siguiente", RELATED),
        ("Te puede interesar", RELATED, RELATED, "Los comentarios están cerrados."),
    ),
    thread_headings=_names("{n} comentarios; Comentarios; {n} respuestas a «{title}»"),
    comment_headers=_names("{name} dice:; hace {n} horas; {name} · {n} h; {name} escribió:"),
    comment_openers=_names(
        """Yo creo que; En mi opinión,; No estoy seguro de que; Tienes razón,; Me parece que;
        Gracias por el artículo, yo creo que; Creo que"""
    ),
    reply="Responder",
    legacy_codecs=("cp1252",),
)

LANGUAGES: tuple[Language, ...] = (EN, RU, DE, IT, FR, ES)

# Weights out of 200: English 55 %, Russian 15 %, German 10 %, Italian 7 %, French 7 %, Spanish 6 %.
# Columns: name, slug, language, weight, curly_share, separator, thread_share, house tail, house byline.
OUTLETS: tuple[Outlet, ...] = (
    Outlet("Meridian Review", "meridian-review", EN, 22, 0.9, "\n\n", 0.10, 0, 0),
    Outlet("Eastern Outlook Weekly", "eastern-outlook-weekly", EN, 22, 0.7, "\n\n", 0.05, 4, 2),
    Outlet("The Global Ledger", "global-ledger", EN, 22, 0.5, "\n\n", 0.35, 3, 3),
    Outlet("Harbor Post", "harbor-post", EN, 22, 0.3, "\n", 0.30, 6, 4),
    Outlet("Continental Observer", "continental-observer", EN, 22, 0.6, "\n\n", 0.15, 8, 1),
    Outlet("Вечерний вестник", "vechernij-vestnik", RU, 15, 0.6, "\n\n", 0.25, 0, 0),
    Outlet("Северная газета", "severnaya-gazeta", RU, 15, 0.4, "\n\n", 0.15, 1, 5),
    Outlet("Rheinische Rundschau", "rheinische-rundschau", DE, 10, 0.8, "\n\n", 0.20, 0, 0),
    Outlet("Alpenblick Zeitung", "alpenblick-zeitung", DE, 10, 0.5, "\n\n", 0.10, 1, 4),
    Outlet("Gazzetta del Lago", "gazzetta-del-lago", IT, 14, 0.6, "\n\n", 0.20, 1, 0),
    Outlet("Le Courrier du Midi", "courrier-du-midi", FR, 14, 0.7, "\n\n", 0.20, 0, 0),
    Outlet("Diario del Sur", "diario-del-sur", ES, 12, 0.5, "\n\n", 0.25, 0, 0),
)
_OUTLET_CUM_WEIGHTS: tuple[int, ...] = tuple(
    sum(outlet.weight for outlet in OUTLETS[: i + 1]) for i in range(len(OUTLETS))
)

NEWS_AGENCIES = ("Reuters", "AP", "AFP", "EPA", "TASS", "dpa", "ANSA", "EFE", "Getty Images")
HANDLES = ("truthseeker", "anon", "observer", "realist", "guest", "reader", "nomad", "skeptic")

# Typography that a page without "smart quotes" would have typed on a keyboard.
_STRAIGHT = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("„", '"'), ("—", "-"), ("–", "-"))
# Replacements for characters a legacy code page lacks (KOI8-R has no curly quotes or euro sign).
_ASCII_FALLBACK = {
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "–": "-",
    "—": "-",
    "…": "...",
    "·": "-",
    "•": "*",
    "\u00a0": " ",
    "№": "N",
    "€": "EUR",
}


def _fallback_pairs(codec: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for char, replacement in _ASCII_FALLBACK.items():
        try:
            char.encode(codec)
        except UnicodeEncodeError:
            pairs.append((char, replacement))
    return tuple(pairs)


def _replace_all(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    # A few str.replace passes run at C speed; str.translate with a dict goes char by char.
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def _sloppy_decoding_table(codec: str) -> str:
    """The code page's characters, with its undefined bytes read as Latin-1: what browsers and
    double-encoding CMSs do, and why real mojibake contains stray C1 control characters."""
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


_LEGACY_FALLBACK = {codec: _fallback_pairs(codec) for codec in ("cp1252", "cp1251", "koi8_r")}
_SLOPPY = {codec: _sloppy_decoding_table(codec) for codec in ("cp1252", "cp1251")}


def _mojibake(text: str, codec: str) -> str:
    """UTF-8 bytes misread as a single-byte code page: "’" becomes "â€™", "é" becomes "Ã©"."""
    return codecs.charmap_decode(text.encode("utf-8"), "strict", _SLOPPY[codec])[0]


@dataclass(frozen=True)
class _Encoding:
    kind: Literal["utf-8", "crlf", "legacy", "mojibake"]
    codec: str = "utf-8"
    content_only: bool = False
    twice: bool = False

    def apply(self, content: str, template: str) -> bytes:
        """`content` is the article as stored in the CMS, `template` what the page layout adds."""
        if self.kind == "mojibake":
            content = _mojibake(content, self.codec)
            if self.twice:
                content = _mojibake(content, self.codec)
            if not self.content_only:
                template = _mojibake(template, self.codec)
        text = content + template
        if self.kind == "legacy":
            return _replace_all(text, _LEGACY_FALLBACK[self.codec]).encode(self.codec)
        if self.kind == "crlf":
            text = text.replace("\n", "\r\n")
        return text.encode("utf-8")


def _choose_encoding(rng: random.Random, language: Language) -> _Encoding:
    roll = rng.random()
    if roll < LEGACY_SHARE:
        codec = language.legacy_codecs[0]
        if len(language.legacy_codecs) > 1 and rng.random() < KOI8_SHARE:
            codec = language.legacy_codecs[1]
        return _Encoding("legacy", codec)
    if roll < LEGACY_SHARE + MOJIBAKE_SHARE:
        # Russian mojibake comes both ways: "РџСЂРё" (read as cp1251) and "ÐŸÑ€Ð¸" (as cp1252).
        codec = "cp1251" if language.code == "ru" and rng.random() < 0.5 else "cp1252"
        return _Encoding(
            "mojibake",
            codec,
            content_only=rng.random() < MOJIBAKE_CONTENT_ONLY_SHARE,
            twice=codec == "cp1252" and rng.random() < MOJIBAKE_TWICE_SHARE,
        )
    if roll < LEGACY_SHARE + MOJIBAKE_SHARE + CRLF_SHARE:
        return _Encoding("crlf")
    return _Encoding("utf-8")


class _Page:
    """Text generators for one document, all drawing from the document's own random stream."""

    def __init__(self, rng: random.Random, outlet: Outlet, year: int, month: int, day: int):
        self.rng = rng
        self.outlet = outlet
        self.lang = outlet.language
        self.year, self.month, self.day = year, month, day

    def fields(self, **extra: str) -> dict[str, str]:
        rng, lang = self.rng, self.lang
        date = {
            "d": str(self.day),
            "dd": f"{self.day:02d}",
            "mm": f"{self.month:02d}",
            "yyyy": str(self.year),
            "month": lang.months[self.month - 1],
        }
        return {
            **date,
            "date": rng.choice(lang.dates).format(**date),
            "n": str(rng.randint(2, 48)),
            "h": str(rng.randint(1, 12)),
            "min": f"{rng.randrange(60):02d}",
            "category": rng.choice(lang.categories),
            "tags": ", ".join(rng.sample(lang.places, rng.randint(2, 5))),
            "outlet": self.outlet.name,
            **extra,
        }

    def name(self) -> str:
        first = self.rng.choice(self.lang.first_names)
        last = self.rng.choice(self.lang.last_names)
        if self.lang.code == "ru" and first[-1] in "ая":
            last += "а"
        return f"{first} {last}"

    def commenter(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.4:
            return self.name()
        if roll < 0.6:
            return f"{rng.choice(self.lang.first_names)} {rng.choice(self.lang.last_names)[0]}."
        return f"{rng.choice(HANDLES)}{rng.randint(1, 999)}"

    def number(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.4:
            return str(rng.randint(1990, self.year))
        if roll < 0.7:
            return str(rng.randint(2, 500))
        return self.lang.percent.format(n=rng.randint(1, 95))

    def sentence(self, words: list[str]) -> str:
        rng, lang = self.rng, self.lang
        n = len(words)
        roll = rng.random()
        if roll < 0.3:
            words[rng.randrange(n)] = rng.choice(lang.places)
        elif roll < 0.4:
            words[rng.randrange(n)] = self.number()
        elif roll < 0.45:
            words[rng.randrange(1, n)] = self.name()
        words[0] = words[0][:1].upper() + words[0][1:]
        if rng.random() < 0.35:
            words[rng.randrange(2, n - 2)] += ","
        if rng.random() < 0.07:
            start = rng.randrange(1, n - 1)
            end = min(n - 2, start + rng.randrange(4))
            words[start] = lang.quotes[0] + words[start]
            words[end] += lang.quotes[1]
        if rng.random() < 0.05:
            words.insert(rng.randrange(3, n - 2), lang.dash)
        roll = rng.random()
        if roll < 0.88:
            return " ".join(words) + "."
        if roll < 0.94:
            return lang.question[0] + " ".join(words) + lang.question[1]
        if roll < 0.97:
            return " ".join(words) + lang.exclamation
        return " ".join(words) + "…"

    def sentences(self, count: int) -> list[str]:
        rng = self.rng
        lengths = [min(30, int(rng.triangular(8, 31, 14))) for _ in range(count)]
        # One draw for the whole paragraph: per-word calls would dominate the generation time.
        words = rng.choices(self.lang.words, k=sum(lengths))
        out = []
        start = 0
        for length in lengths:
            out.append(self.sentence(words[start : start + length]))
            start += length
        return out

    def paragraph(self) -> str:
        return " ".join(self.sentences(self.rng.randint(2, 8)))

    def title(self) -> str:
        rng, lang = self.rng, self.lang
        words = rng.choices(lang.words, k=rng.randint(4, 11))
        words[rng.randrange(len(words))] = rng.choice(lang.places)
        if lang.title_case:
            small = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "at", "by"}
            words = [w if w in small else w[:1].upper() + w[1:] for w in words]
        words[0] = words[0][:1].upper() + words[0][1:]
        roll = rng.random()
        if roll < 0.15 and len(words) > 4:
            cut = rng.randrange(2, len(words) - 1)
            return " ".join(words[:cut]) + ": " + " ".join(words[cut:])
        if roll < 0.3:
            return lang.question[0] + " ".join(words) + lang.question[1]
        if roll < 0.42:
            start = rng.randrange(len(words))
            end = min(len(words) - 1, start + rng.randrange(3))
            words[start] = lang.quotes[0] + words[start]
            words[end] += lang.quotes[1]
        return " ".join(words)

    def heading(self) -> str:
        rng, lang = self.rng, self.lang
        roll = rng.random()
        if roll < 0.4:
            return rng.choice(lang.headings)
        if roll < 0.65:
            return rng.choice(lang.places) + ":"
        words = rng.choices(lang.words, k=rng.randint(2, 5))
        if lang.title_case:
            return " ".join(w[:1].upper() + w[1:] for w in words)
        return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])

    def byline(self) -> str:
        bylines = self.lang.bylines
        pattern = bylines[self.outlet.house_byline % len(bylines)]
        if self.rng.random() < 0.25:
            pattern = self.rng.choice(bylines)
        return pattern.format(**self.fields(name=self.name()))

    def list_block(self) -> str:
        rng = self.rng
        marker = rng.choice(("-", "•", "–", "*", "1."))
        items = []
        for i, sentence in enumerate(self.sentences(rng.randint(3, 6)), start=1):
            item = sentence if rng.random() < 0.5 else sentence.rstrip(".")
            items.append(f"{i}. {item}" if marker == "1." else f"{marker} {item}")
        return "\n".join(items)

    def tail(self) -> list[str]:
        """Boilerplate after the article: one or two of the language's templates, usually the
        outlet's own, with related-story titles and tags filled in."""
        rng, tails = self.rng, self.lang.tails
        if rng.random() < 0.05:
            return []
        chosen = [tails[self.outlet.house_tail % len(tails)]]
        if rng.random() < 0.25:
            chosen[0] = rng.choice(tails)
        if rng.random() < 0.3:
            chosen.append(rng.choice([t for t in tails if t is not chosen[0]]))
        fields = self.fields()
        lines = []
        for template in chosen:
            for line in template:
                lines.append(self.title() if line == RELATED else line.format(**fields))
        return lines

    def signature(self) -> str:
        rng, lang = self.rng, self.lang
        lines = []
        if rng.random() < 0.7:
            lines.append(("By " if lang.code == "en" else "") + self.name())
        # Republished pieces credit another outlet; one in the same language, so that a legacy code
        # page can still encode the line.
        source = self.outlet.name
        if rng.random() < 0.5:
            source = rng.choice([o.name for o in OUTLETS if o.language is lang])
        lines.append(lang.source + source)
        return "\n".join(lines)

    def bio(self) -> str:
        role = self.rng.choice(
            ("research analyst of international relations", "political commentator", "economist")
        )
        return f"{self.name()}, {role}, exclusively for the online magazine “{self.outlet.name}”."

    def comment(self) -> str:
        rng, lang = self.rng, self.lang
        sentences = self.sentences(rng.choice((1, 1, 1, 2, 2, 3, 4)))
        if rng.random() < 0.6:
            first = sentences[0]
            # Capitalized nouns stay capitalized in German; elsewhere the opener starts the sentence.
            if lang.code != "de":
                first = first[:1].lower() + first[1:]
            sentences[0] = f"{rng.choice(lang.comment_openers)} {first}"
        return " ".join(sentences)

    def comment_header(self) -> str:
        pattern = self.rng.choice(self.lang.comment_headers)
        return pattern.format(**self.fields(name=self.commenter()))

    def thread(self, budget: int) -> list[str]:
        """Blocks of a reader-comment thread after the article, about `budget` UTF-8 bytes."""
        rng, lang = self.rng, self.lang
        blocks: list[str] = []
        used = 0
        while used < budget or not blocks:
            lines = [self.comment_header(), self.comment()]
            if rng.random() < 0.5:
                lines.append(lang.reply)
            block = "\n".join(lines)
            blocks.append(block)
            used += len(block.encode("utf-8")) + 2
        heading = rng.choice(lang.thread_headings)
        return [heading.format(n=len(blocks), title=self.title()), *blocks]

    def comments_page(self, budget: int) -> str:
        """A page that is nothing but comments, one per line, as a scraper of a forum or a comment
        widget leaves it (seeds/002)."""
        rng = self.rng
        with_headers = rng.random() < 0.3
        lines: list[str] = []
        used = 0
        while used < budget or not lines:
            roll = rng.random()
            if roll < 0.03:
                lines.append("-")
            elif roll < 0.05:
                lines.append("Edit: " + self.sentences(1)[0])
            else:
                if with_headers:
                    lines.append(self.comment_header())
                lines.append(self.comment())
            used += len(lines[-1].encode("utf-8")) + 1
        return "\n".join(lines)


def _target_bytes(rng: random.Random) -> int:
    size = rng.lognormvariate(math.log(MEDIAN_BYTES), SIZE_SIGMA)
    return max(MIN_BYTES, min(MAX_BYTES, round(size)))


def _document(seed: int, index: int) -> tuple[str, bytes, _Encoding]:
    """One document's relative path, bytes and encoding; depends on (seed, index) only."""
    # A str seed is hashed with SHA-512, identically on every platform and Python build.
    rng = random.Random(f"tests.devtools.bench.corpus:{seed}:{index}")
    outlet = rng.choices(OUTLETS, cum_weights=_OUTLET_CUM_WEIGHTS)[0]
    lang = outlet.language
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    month = rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    doc_id = f"{index:06d}_{rng.getrandbits(64):016x}"
    path = f"{outlet.slug}/{year}/{month:02d}/{doc_id}.txt"
    target = _target_bytes(rng)
    encoding = _choose_encoding(rng, lang)
    # Legacy and mojibake pages without curly quotes would be plain ASCII for English: the damage
    # would be invisible, and real Windows-made pages were full of smart quotes anyway.
    curly = encoding.kind in ("legacy", "mojibake") or rng.random() < outlet.curly_share
    page = _Page(rng, outlet, year, month, day)
    sep = outlet.separator
    ending = "\n" if rng.random() < 0.5 else ""

    if rng.random() < COMMENTS_ONLY_SHARE:
        head = [page.title() + sep] if rng.random() < 0.2 else []
        sample = "".join([*head, page.comments_page(400)])
        total = _utf8_budget(target, sample, "", encoding, curly)
        budget = max(0, total - len("".join(head).encode("utf-8")))
        content = "".join([*head, page.comments_page(budget)]) + ending
        return path, _finish(content, "", encoding, curly), encoding

    head = _head(page)
    end: list[str] = []
    if rng.random() < 0.35:
        end.append(page.signature())
    if lang.code == "en" and rng.random() < 0.08:
        end.append(page.bio())
    if rng.random() < 0.1:
        end.append("\u00a0")
    tail = page.tail()
    end.extend(tail)
    first = page.paragraph()
    template = "".join(sep + block for block in end) + ending
    total = _utf8_budget(target, sep.join([*head, first]), template, encoding, curly)
    fixed = len(sep.join([*head, first]).encode("utf-8")) + len(template.encode("utf-8"))
    budget = max(0, total - fixed)
    if rng.random() < outlet.thread_share:
        thread_budget = round(budget * rng.uniform(0.15, 0.5))
        budget -= thread_budget
        thread = page.thread(thread_budget)
        # WordPress lists comments above the "Leave a Reply" form; other widgets put them below.
        if tail and rng.random() < 0.5:
            end = [*end[: -len(tail)], *thread, *tail]
        else:
            end = [*end, *thread]
        template = "".join(sep + block for block in end) + ending
    body = [first, *_body(page, budget, sep)]
    data = _finish(sep.join([*head, *body]), template, encoding, curly)
    while len(data) > MAX_BYTES and len(body) > 1:
        excess = len(data) - MAX_BYTES
        ratio = len(data) / len((sep.join([*head, *body]) + template).encode("utf-8"))
        removed = 0.0
        while body[1:] and removed < excess:
            removed += (len(body.pop().encode("utf-8")) + len(sep)) * ratio
        data = _finish(sep.join([*head, *body]), template, encoding, curly)
    return path, data, encoding


def _head(page: _Page) -> list[str]:
    """Title with a byline or dateline before or after it, sometimes a photo credit."""
    rng = page.rng
    title = page.title()
    blocks = [title]
    roll = rng.random()
    if roll < 0.2:
        blocks.insert(0, page.byline())
        blocks[-1] += "\n"  # seeds/004: an extra blank line after a title under a dateline
    elif roll < 0.85:
        blocks.append(page.byline())
    if rng.random() < 0.08:
        credit = f"{page.name()} / {rng.choice(NEWS_AGENCIES)}"
        blocks.append(page.lang.caption + credit)
    return blocks


def _body(page: _Page, budget: int, sep: str) -> list[str]:
    """Paragraphs after the lead until `budget` UTF-8 bytes, with headings, lists and links."""
    rng = page.rng
    blocks: list[str] = []
    used = 0
    next_heading = rng.randint(2, 6)
    while used < budget:
        next_heading -= 1
        roll = rng.random()
        if next_heading == 0 and rng.random() < 0.6:
            block = page.heading()
            next_heading = rng.randint(2, 7)
        elif roll < 0.03:
            block = page.list_block()
        elif roll < 0.045:
            block = page.lang.read_also + page.title()
        else:
            block = page.paragraph()
        blocks.append(block)
        used += len(block.encode("utf-8")) + len(sep)
    return blocks


def _utf8_budget(target: int, content: str, template: str, encoding: _Encoding, curly: bool) -> int:
    """UTF-8 bytes of text that come out as about `target` bytes in `encoding`: Cyrillic halves in
    a code page, mojibake more than doubles."""
    encoded = len(_finish(content, template, encoding, curly))
    utf8 = len((content + template).encode("utf-8"))
    return round(target * utf8 / max(encoded, 1))


def _finish(content: str, template: str, encoding: _Encoding, curly: bool) -> bytes:
    if not curly:
        content = _replace_all(content, _STRAIGHT)
        template = _replace_all(template, _STRAIGHT)
    return encoding.apply(content, template)


def generate_corpus(out_dir: Path, n_docs: int, seed: int = 0) -> CorpusStats:
    """Write `n_docs` synthetic pages under `out_dir`, which must be missing or empty so that the
    folder holds exactly this corpus."""
    if n_docs < 0:
        raise ValueError(f"n_docs must be at least 0, not {n_docs}")
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty")
    made: set[Path] = set()
    n_bytes = n_legacy = n_mojibake = 0
    for index in range(n_docs):
        relative, data, encoding = _document(seed, index)
        path = out_dir / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)
        n_bytes += len(data)
        n_legacy += encoding.kind == "legacy"
        n_mojibake += encoding.kind == "mojibake"
    return CorpusStats(n_docs=n_docs, n_bytes=n_bytes, n_legacy=n_legacy, n_mojibake=n_mojibake)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.devtools.bench.corpus",
        description="Write a deterministic synthetic corpus of scraped pages for benchmarks.",
    )
    parser.add_argument("out_dir", type=Path, help="folder to create (must be missing or empty)")
    parser.add_argument("n_docs", type=int, help="number of documents")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same bytes (default 0)")
    args = parser.parse_args(argv)
    if args.n_docs < 0:
        parser.error("n_docs must be at least 0")
    try:
        generate_corpus(args.out_dir, args.n_docs, args.seed)
    except FileExistsError as error:
        parser.error(str(error))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
