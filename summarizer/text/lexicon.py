"""The word lists of the rules, as data, in one place.

Every module that needs a pronoun, an abbreviation, a title or a speech verb takes it from here
(the offline engine's attribution rules, sentence splitting, grounding). Lowercase throughout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def trie_pattern(words: Iterable[str], *, any_dot: bool = False) -> str:
    """A regular expression matching any of ``words``, as a trie ('sa(?:id|ys)'): the regex
    engine then branches on each character instead of trying every alternative in turn.

    ``any_dot``: a word's '.' matches any character but a line break, as it does in the
    alternation ``'|'.join(words)`` (a role's 'sen.' also finds 'sent'); the other characters
    of the words must then be word characters, spaces, hyphens or apostrophes."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        if any_dot and not _TRIE_WORD.fullmatch(word):
            raise ValueError(f"not word characters, spaces, hyphens, apostrophes and '.': {word!r}")
        node = trie
        for ch in word:
            node = node.setdefault("." if any_dot and ch == "." else re.escape(ch), {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [key + build(child) for key, child in sorted(node.items()) if key]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


_TRIE_WORD = re.compile(r"[\w '’.-]+")


def _phrases(text: str) -> tuple[str, ...]:
    """Phrases separated by '|', in order."""
    return tuple(p.strip() for p in text.split("|"))


#: Pronouns that can stand for a speaker at a cue.
SPEAKER_PRONOUNS = _words("he i it she they we")

#: Pronouns of any case: never a speaker's name (grounding rejects them).
PRONOUNS = _words("he her hers him his i it one she their them they us we you")

#: Words that end with a period without ending a sentence (lowercase, no period).
ABBREVIATIONS = _words(
    "a.m ala apr ariz ark aug calif capt co col colo conn corp d.c dec del dept dr e.u est feb "
    "fla ft ga gen gov hon ill inc ind jan jr jul jun kan ky la lt ltd mar mass md messrs mich "
    "minn miss mo mr mrs ms mt n.c n.j n.y neb nev no nov oct okla ore p.m pa prof r.i rep reps "
    "rev s.c sen sens sep sept sgt sr st tenn tex u.k u.n u.s va vs vt w.va wash wis wyo"
)

#: Words that open a descriptive noun phrase: 'a source', 'two officials'.
DETERMINERS = _words(
    "a an another both few four her his its many most one other our senior several some the "
    "their three top two"
)

#: Head words of bodies: a mention headed by one is an organization.
ORG_WORDS = _words(
    "abc ad administration corps convention agency agency's alliance ap army assembly association "
    "authority bank bbc "
    "board bureau cabinet campaign cbs cia club cnn coalition commission committee company "
    "congress corp corporation council court department embassy eu fbi federation firm "
    "foundation fox fund government group guardian house inc institute journal kremlin league "
    "letter memo military ministry msnbc nato nbc network news office organisation organization "
    "parliament party pentagon police poll post press report reuters secretariat senate service "
    "services spokesperson's statement study survey team telegraph times tribune un union "
    "university white"
)

#: Title words that can precede a name: 'Sen.', 'Ukrainian President', 'first lady'.
TITLES = _words(
    "acting adm adm. administrator ambassador assistant attorney candidate capt ceo chair "
    "chairman chairwoman "
    "chancellor chief coach col commissioner councillor councilor councilman councilwoman "
    "defence defense del. democratic deputy detective director dr dr. first foreign former gen "
    "gen. general gop gov "
    "gov. governor house inspector judge justice king lady leader lt majority mayor minister "
    "minority mr mr. mrs mrs. ms ms. nominee officer pope president presidential press "
    "prime prince prof prof. professor queen rep rep. representative republican rev rev. russian "
    "secretary sen sen. senate senator sgt sheriff speaker spokesman spokeswoman state "
    "superintendent then u.s. ukrainian us vice whip white"
)

#: Role nouns a later mention can stand on: 'the senator' -> the senator named before.
ROLE_WORDS = _words(
    "host anchor correspondent reporter columnist commentator rival retired economist manager "
    "strategist analyst professor executive founder chairperson "
    "activist actor actress ambassador attorney author billionaire businessman businesswoman "
    "candidate ceo chairman chairwoman chancellor chief coach commissioner congressman "
    "congresswoman democrat director doctor founder front-runner frontrunner general gov. "
    "governor incumbent judge lawmaker lawyer leader mayor minister mogul nominee official "
    "premier president prosecutor rep. representative republican secretary sen. senator sheriff "
    "singer speaker spokesman spokesperson spokeswoman "
    # occupations written before a name beyond politics: 'radio presenter Gilles Peterson'
    "presenter broadcaster pundit captain defender striker midfielder goalkeeper winger "
    "quarterback pitcher trainer player vocalist teacher trooper constable sergeant inspector "
    "detective officer shopkeeper dj producer chef nurse editor scientist researcher astronaut "
    "engineer pilot paramedic firefighter"
)

#: Roles whose word gives the person's sex (in :data:`FEMININE` and :data:`FEMININE_NOUNS`).
_FEMININE_ROLES = _words("actress businesswoman chairwoman congresswoman spokeswoman")
_MASCULINE_ROLES = _words("businessman chairman congressman spokesman")

#: Titles and words that mark a woman.
FEMININE = _FEMININE_ROLES | _words("her madam mrs mrs. ms ms. queen she")

#: Titles and words that mark a man.
MASCULINE = _MASCULINE_ROLES | _words("he him his king mr mr. prince")

#: Conjunctions and adverbs that open a clause: never part of a speaker.
CONNECTORS = _words(
    "also and as because but earlier however instead later meanwhile or so still that then when "
    "which while who yet"
)

#: Subordinating conjunctions dropped before a subject.
SUBORDINATORS = _words("although once since though unless until whereas")

#: Prepositions that cannot open a speaker.
PREPOSITIONS_LEADING = _words("after although before despite during following since")

#: Words never found inside a speaker's noun phrase.
NOT_IN_SPEAKERS = _words(
    "are be been can could how if is it no not should that there this to was were what when why "
    "will would yes"
)

#: Function words that cannot end a speaker.
FUNCTION_WORDS = _words("a an at by for from in of on the to with")

#: Lowercase particles inside names: 'Charles de Gaulle'.
NAME_PARTICLES = _words("al bin da de del di la le of van von")

#: Adverbs and auxiliaries between a subject and its cue: 'Trump also said'.
TRAILING_ADVERBS = _words(
    "again also always earlier first further had has have later never often once previously "
    "recently repeatedly reportedly simply then will would since already now publicly privately "
    "originally initially subsequently separately instead"
)

#: Small words left lowercase in titles of works.
TITLE_SMALL_WORDS = _words("a an and at for in of on or the to with")

#: Speech verbs and phrases that attribute a quote ("said", "told reporters", "put it"), in
#: the order the alternation tries them.
SPEECH_CUES = _phrases(
    "said | says | say | saying | told | tells | tell | telling | added | adds | wrote | "
    "writes | write | asked | asks | warned | warns | noted | notes | explained | "
    "explains | stated | states | declared | declares | insisted | insists | argued | "
    "argues | claimed | claims | continued | continues | recalled | recalls | replied | "
    "replies | responded | responds | tweeted | tweets | posted | announced | announces | "
    "acknowledged | acknowledges | admitted | admits | suggested | suggests | observed | "
    "remarked | conceded | concedes | contended | countered | emphasized | emphasised | "
    "stressed | stresses | predicted | promised | vowed | vows | urged | urges | joked | "
    "quipped | cautioned | complained | complains | described | describes | called | "
    "calls | call | praised | praises | concluded | agreed | reported | reports | testified | "
    "shouted | yelled | boasted | lamented | charged | alleged | maintained | maintains | "
    "mused | pleaded | wondered | echoed | answered | whispered | thundered | chanted | "
    "recounted | criticized | criticised | dismissed | blasted | slammed | decried | "
    "labeled | labelled | branded | touted | hailed | texted | emailed | messaged | "
    "pointed out | went on | put it | puts it | summed up | told reporters | writing | noting | "
    "adding | arguing | warning | calling | describing | reads | describe | compared | "
    "compares | chimed in | explaining | insisting | declaring | demanded | proclaimed | "
    "proclaims | suggesting | claiming | asking | tweeting | acknowledging | stating | "
    "promising | predicting | urging | referring | commented | comments | revealed | reveals | "
    "confirmed | confirms | retorted | exclaimed | muttered | assured | observes | remarks | "
    "emphasizes | emphasises | likened | lauded | referenced | dubbed | termed | ruled | "
    "mocked | derided | denounced | condemned | accused | pledged | admitting | conceding | "
    "contending | complaining | recalling | stressing | asserting | asserted | asserts | "
    "reasoned | reasons | reiterated | reiterates | opined | affirmed | inquired | queried | "
    "speculated | surmised | theorized | theorised | reckoned | bragged | protested | "
    "stammered | murmured | grumbled | sighed | begged"
)

#: Heads of descriptions of unnamed people: 'a source familiar with', 'two officials'.
ANONYMOUS_HEADS = _words(
    "source sources official officials aide aides person people insider insiders spokesman "
    "spokeswoman spokesperson adviser advisers advisor advisors diplomat diplomats witness "
    "witnesses staffer staffers member members observer observers analyst analysts expert "
    "experts critic critics supporter supporters voter voters resident residents lawmaker "
    "lawmakers officer officers employee employees executive executives operative operatives "
    "strategist strategists ally allies friend friends questioner someone authorities republicans "
    "democrats delegates conservatives liberals progressives protesters demonstrators activists "
    "investigators prosecutors"
)

#: Abbreviated titles written with a period: 'Sen.', 'Gov.', 'Jr.'.
TITLE_ABBREVIATIONS = _words(
    "sen rep gov dr mr mrs ms jr sr st gen lt col rev del prof adm sgt capt"
)

#: Courtesy titles that give a person's gender: 'Mrs. Trump' is a woman.
COURTESY_FEMININE = _words("mrs mrs. ms ms. miss madam")
COURTESY_MASCULINE = _words("mr mr. messrs")
#: Every courtesy title, of either gender or none ('Mx').
COURTESY_TITLES = COURTESY_FEMININE | COURTESY_MASCULINE | _words("mx mx.")

#: First names common in English-language news, by the gender they usually mark. Used only to
#: keep 'Mrs. Trump' from resolving to a man's full name and 'she' from a man's name.
FEMININE_FIRST_NAMES = _words(
    "amy angela ann anna anne barbara betsy betty camila carly carol caroline catherine chelsea "
    "christine claire cynthia debbie deborah diane donna elizabeth elena ellen emily emma "
    "erin hillary heidi helen hope huma ivanka jane janet jennifer jill joan jodi julia karen kate "
    "kathleen kellyanne kelly kirsten kristen laura lauren linda lisa lynn margaret maria marine "
    "marsha martha mary maxine megyn melania michele michelle nancy nicola nikki olivia pam "
    "patricia rachel rebecca ruth samantha sarah sheila stephanie susan susana tammy teresa "
    "theresa tulsi ursula valerie victoria virginia"
)
MASCULINE_FIRST_NAMES = _words(
    "adam alan andrew barack ben benjamin bernie bill bob boris brian carl charles chris "
    "christopher chuck dan daniel david dick donald douglas ed edward emmanuel eric frank gary "
    "george greg harry henry jack jacob james jason jeb jeff jim joe john jon jonathan joseph "
    "josh justin ken kevin lindsey marco mark matt matthew michael mike mitch newt nick paul "
    "peter reince richard rick robert roger ron rudy ryan sam scott sean stephen steve ted "
    "thomas tim timothy tom vladimir volodymyr william xi"
)

#: Words that look like a subject before a cue but never name a speaker ('Even', 'Still').
NOT_SPEAKERS = _words(
    "even still also just only yet however meanwhile instead indeed perhaps maybe now then "
    "here there today yesterday later earlier first finally again already often never always "
    "securities the this that these those such other others only every"
)

#: Verbs and phrases of reported speech that introduce a clause: 'X said (that) ...'.
REPORTING_VERBS = _words(
    "said says say told tells added adds wrote writes warned warns noted notes explained "
    "stated states declared insisted insists argued argues claimed claims acknowledged admitted "
    "suggested suggests conceded contended countered emphasized emphasised stressed predicted "
    "promised vowed urged cautioned complained concluded agreed reported reports testified "
    "alleged maintained announced announces believes believe believed thinks think thought "
    "estimated estimates indicated indicates confirmed confirms denied denies recalled "
    "revealed reveals found finds shows show showed asserted assured hinted signaled signalled "
    "pledged insist argue claim warn note explain suggest predict reasoned reiterated "
    "reiterates speculated surmised opined affirmed disclosed remarked retorted boasted "
    "bragged lamented joked quipped mused protested"
)

#: Verbs that state an actor's stance outright, toward what follows them.
OPPOSING_VERBS = _words(
    "opposed opposes oppose rejected rejects reject criticized criticised criticizes criticises "
    "condemned condemns denounced denounces slammed slams blasted blasts attacked attacks "
    "decried decries dismissed dismisses refused refuses objected objects vetoed vetoes veto "
    "disputed disputes lambasted lambastes assailed assails berated berates faulted faults "
    "ridiculed ridicules mocked mocks scolded scolds chastised chastises "
    # rules-15: the progressive ('is opposing the plan', '…, criticizing the council')
    "opposing rejecting criticizing criticising condemning denouncing slamming blasting "
    "attacking decrying dismissing disputing lambasting assailing ridiculing mocking"
)
SUPPORTING_VERBS = _words(
    "backed backs back supported supports support urged urges welcomed welcomes endorsed "
    "endorses praised praises hailed hails defended defends favored favors favoured favours "
    "championed champions approved approves approve applauded applauds embraced embraces "
    "lauded lauds commended commends advocated advocates "
    # rules-15: the progressive ('is defending the campaign', '…, praising the plan')
    "backing supporting urging welcoming endorsing praising hailing defending favoring "
    "favouring championing approving applauding embracing lauding commending advocating"
)

#: Capitalized words that open a sentence or a date, never a person's name: 'On Monday'.
NOT_NAME_STARTS = _words(
    "on in at for with by from after before during since until as of to into over under about "
    "the a an this that these those monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december "
    "if when while where what why how although though because despite"
)

#: Words never part of a topic phrase, beside the function words and verbs of speech.
TOPIC_STOP_WORDS = _words(
    "has have had said says more its his her their over after amid following during since "
    "about against than also just only new us "
    # adverbs not written with -ly: how often or when, never what an article is about
    "never ever always even already again often soon now here very too much well back latest "
    "almost quite rather perhaps maybe instead later once twice together sometimes"
)

#: Verbs of a position taken, whose object is what the position is about: 'wants to …',
#: 'called for …', 'attacked …'. Attributions, not speech.
ATTITUDE_VERBS = _phrases(
    "wants | plans to | called for | calls for | called on | calls on | urged | urges | "
    "attacked | attacks | criticized | criticised | cited | cites | pledged | pledges | promised | "
    "promises | vowed | vows | refuses | refused | proposed | proposes | supports | opposes | "
    "opposed | hopes | hoped | questioned | mentioned | pointed to | blasted | slammed | "
    "condemned | defended | praised | accused | demanded | rejected | dismissed | endorsed | "
    "backed | welcomed | made clear | made it clear | makes clear | makes it clear"
)


def _inflections(lemmas: str) -> frozenset[str]:
    """Every form of each verb: 'praise' -> praise, praises, praised, praising. A lemma written
    'plan+' doubles its last consonant (planned); 'say/said' gives an irregular past."""
    forms: set[str] = set()
    for item in lemmas.split():
        base, _, past = item.partition("/")
        double = base.endswith("+")
        base = base.rstrip("+")
        stem = base + base[-1] if double else base
        if base.endswith("ee"):
            regular, ing = base + "d", base + "ing"
        elif base.endswith("e"):
            regular, ing = base + "d", base[:-1] + "ing"
        elif base.endswith("y") and base[-2] not in "aeiou":
            regular, ing = base[:-1] + "ied", base + "ing"
        else:
            regular, ing = stem + "ed", stem + "ing"
        if base.endswith(("s", "sh", "ch", "x", "z", "o")):
            third = base + "es"
        elif base.endswith("y") and base[-2] not in "aeiou":
            third = base[:-1] + "ies"
        else:
            third = base + "s"
        forms |= {base, third, past or regular, ing}
    return frozenset(forms)


#: Verbs of communication, judgment, belief and intent: what a person or a body says, thinks,
#: wants or decides about something, in every form. With a subject that can be a speaker
#: before them ('the court ruled that …', 'Lee has long opposed the tax', 'aides are urging
#: him to …'), what follows is an attribution.
STANCE_VERBS = _inflections(
    "accuse acknowledge admit+ advise advocate affirm agree allege announce answer apologize "
    "appeal applaud argue assert assure believe blame boast caution celebrate challenge charge "
    "cite claim comment complain concede conclude condemn confirm consider contend criticize "
    "criticise decide declare decline decry defend demand denounce deny describe disagree "
    "dismiss dispute doubt echo emphasize endorse estimate expect explain express fear forecast "
    "guarantee hail highlight hope imply indicate insist intend invite joke lambaste lament laud "
    "maintain mention mock note object oppose order plan+ plead pledge praise predict proclaim "
    "promise propose protest question recall recommend refuse reject remark remind reply "
    "report request respond reveal ridicule rule signal stress suggest support suspect "
    "testify threaten tout urge vow want warn welcome wonder worry reaffirm reiterate repeat "
    "favor favour champion blast slam+ thank recognize realize judge prefer+ "
    "say/said tell/told think/thought know/knew feel/felt find/found hold/held see/saw "
    "seek/sought understand/understood write/wrote swear/swore speak/spoke call ask discuss "
    "disclose offer publish detail outline link admire chastise implore approve view pitch "
    "encourage inform notify reassure "
    "compare tweet post accept address label brand characterize portray dub acknowledge liken "
    "applaud assail berate fault scold lobby petition"
) | _words("known seen written sworn")


#: Verbs that show a noun phrase is a clause, not a speaker: 'the Security Council issued a
#: statement', 'The ad uses footage of …'.
CLAUSE_VERBS = _words(
    "issued issues uses used began begins taking took made makes gave gives is was are were "
    "has have had goes sees calls says rips slams blasts comes came seems seemed appears "
    "remains follows looks stands"
)

#: Words that end a name run in a title-case headline: 'Chris Christie Calls Hillary Clinton'.
HEADLINE_BREAKS = _words(
    "against after as at for from in into on over to with calls says goes sees"
)

#: Days of the week: never the last word of a name ('Netflix Friday').
WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday today yesterday")

#: Nouns that end in -ly: not adverbs ('Scott's family', 'Italy').
LY_NOUNS = _words(
    "family ally supply assembly rally italy july reply belly bully jelly lily holly monopoly "
    "anomaly homily melancholy assembly majesty"
)

#: Words and phrases that hedge a claim: a possibility or a process, not an outcome.
HEDGES = _phrases(
    "may | might | could | would | plan to | plans to | planning to | expected to | "
    "in discussions | in talks | considering | has yet to | have yet to | pending | possibly | "
    "reportedly | allegedly | likely to | unlikely to | remain to be seen | remains to be seen | "
    "under investigation"
)


#: Forms of 'be': before a past participle they make a passive ('was criticized by').
BE_FORMS = _words("is are was were be been being 's ’s")

#: Words between a subject and its verb: 'Lee has not', 'aides are still', 'they all'.
BETWEEN_SUBJECT_AND_VERB = _words(
    "not n't never did does do can could may might must should also still just now long "
    "together already all both"
)

#: Words that open a clause before its subject: 'After aides insisted …', 'as Lee noted'.
CLAUSE_OPENERS = _words(
    "after as while because when since though although if before until and but so whereas "
    "once where even that yet or"
)

#: Words of a time after a subject: 'the court this month', 'Lee on Tuesday'.
TIME_WORDS = WEEKDAYS | _words(
    "this last next week month year morning night evening afternoon weekend earlier"
)

#: What may follow a verb as its object: 'declined to', 'responded with', 'described as'.
OBJECT_STARTS = _words("to with by from as for")

#: What follows a verb as a circumstance, not as what was said: 'said in July', 'spoke after
#: the meeting'.
CIRCUMSTANCE_STARTS = WEEKDAYS | _words(
    "in on at after before during since with from by to for when while as if recently here "
    "there later earlier again via"
)

#: What follows a verb of saying as its topic, not as what was said: '“…,” Lee said of the plan'.
TOPIC_STARTS = _words("of about")

#: Number words: a speaker is never a quantity ('Fifty-one percent', 'Nearly eight').
#: The cardinals written as one word, 'one' to 'ninety' ('Twelve percent', 'thirty-five').
CARDINAL_WORDS = _words(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
)
NUMBER_WORDS = CARDINAL_WORDS | _words(
    "hundred thousand million billion dozen half percent per cent nearly almost about roughly "
    "only just"
)

#: Possessive determiners: 'His aides' names someone, 'His repeated' does not.
POSSESSIVES = _words("his her their its our my your")

#: Words of quantity that are no speaker alone: 'Several', 'Most', 'Some'.
QUANTIFIERS = _words(
    "some most several many few all both each either neither any much more another other others"
)

#: Nouns for a person that give the person's sex: the antecedent of 'she' or 'he' when the
#: article describes someone without a name ('The boy's mother told the BBC …').
FEMININE_NOUNS = _FEMININE_ROLES | _words(
    "mother wife daughter sister grandmother granddaughter woman girl girlfriend widow mum mom "
    "aunt niece lady policewoman councilwoman stepmother sportswoman"
)
MASCULINE_NOUNS = _MASCULINE_ROLES | _words(
    "father husband son brother grandfather grandson man boy boyfriend widower dad uncle nephew "
    "gentleman policeman councilman stepfather sportsman"
)

#: Nouns that describe someone by what they do or use, written before their name like a title
#: ('Facebook user Hiro Kenshida', 'Chelsea fan Ana Ruiz'): the name is the speaker.
PERSON_DESCRIPTORS = _words(
    "user resident fan supporter voter student worker employee member owner customer viewer "
    "reader listener neighbour neighbor shopper passenger driver commuter patient parent"
)

#: Last words of the names of places and institutions: such a name is never 'he' or 'she'
#: ('Cleveland Metroparks Zoo', 'Park View Educational Trust', 'Fisht Stadium').
PLACE_HEADS = _words(
    "zoo museum hospital school university college academy prison arena stadium airport park "
    "station street road avenue bridge river lake mountain church cathedral mosque temple hotel "
    "centre center library theatre theater square island county district trust charity society"
)

#: Words a title in title case leaves in lowercase: 'The Art of the Deal'.
TITLE_SMALL_WORDS = _words("a an and at by for from in of on or the to with")

#: Nouns of a work, before its title or ending it: 'the hit “Rain”', '“The Tonight Show”'.
WORK_NOUNS = _words(
    "hit song album single track film movie show book novel memoir play series programme "
    "program episode poem documentary musical opera sitcom podcast"
)

#: Last words of a body's name that, unlike :data:`ORG_WORDS`, may sit in a person's run of
#: capitalized words ('Air Force Gen. Ana Ruiz'): a name ending in one is never 'he' or 'she'
#: ('the Joint Terrorism Task Force', 'the Hollywood Reporter', 'Google Art Project').
BODY_HEADS = _words("force project collective magazine reporter institution initiative")

#: Names of places that are never a person's (countries, states and provinces, large cities,
#: regions; lowercase): 'she' is never 'New York' nor 'North Carolina'. Names that are also
#: people's ('Georgia', 'Jordan', 'Chad', 'Israel', 'Virginia', 'Washington', 'Houston',
#: 'Austin', 'Charlotte', 'Victoria') are left out.
PLACE_NAMES = frozenset(
    _phrases(
        "afghanistan|albania|algeria|angola|argentina|armenia|australia|austria|azerbaijan|"
        "bahrain|bangladesh|belarus|belgium|bolivia|bosnia|botswana|brazil|britain|bulgaria|"
        "burma|cambodia|cameroon|canada|chile|china|colombia|congo|costa rica|croatia|cuba|"
        "cyprus|czech republic|denmark|ecuador|egypt|el salvador|england|eritrea|estonia|"
        "ethiopia|europe|finland|france|germany|ghana|great britain|greece|guatemala|haiti|"
        "honduras|hong kong|hungary|iceland|india|indonesia|iran|iraq|ireland|italy|jamaica|"
        "japan|kazakhstan|kenya|kosovo|kuwait|laos|latvia|lebanon|liberia|libya|lithuania|"
        "luxembourg|malaysia|mali|malta|mexico|moldova|mongolia|montenegro|morocco|mozambique|"
        "myanmar|namibia|nepal|netherlands|new zealand|nicaragua|niger|nigeria|north korea|"
        "northern ireland|norway|oman|pakistan|palestine|panama|paraguay|peru|philippines|"
        "poland|portugal|qatar|romania|russia|rwanda|saudi arabia|scotland|senegal|serbia|"
        "singapore|slovakia|slovenia|somalia|south africa|south korea|south sudan|spain|"
        "sri lanka|sudan|sweden|switzerland|syria|taiwan|tajikistan|tanzania|thailand|tunisia|"
        "turkey|turkmenistan|uganda|ukraine|united arab emirates|united kingdom|united states|"
        "united states of america|uruguay|uzbekistan|venezuela|vietnam|wales|yemen|zambia|"
        "zimbabwe|"
        "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|"
        "hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|"
        "massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|"
        "new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|"
        "oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|"
        "vermont|west virginia|wisconsin|wyoming|puerto rico|ontario|quebec|alberta|"
        "british columbia|bavaria|catalonia|crimea|gaza|west bank|kashmir|tibet|xinjiang|"
        "new york city|los angeles|san francisco|chicago|philadelphia|boston|miami|atlanta|"
        "seattle|baltimore|detroit|dallas|denver|new orleans|las vegas|san diego|manhattan|"
        "brooklyn|london|paris|berlin|moscow|beijing|shanghai|tokyo|seoul|pyongyang|delhi|"
        "new delhi|mumbai|karachi|islamabad|kabul|baghdad|tehran|damascus|beirut|jerusalem|"
        "tel aviv|cairo|istanbul|ankara|athens|rome|milan|madrid|barcelona|lisbon|brussels|"
        "amsterdam|vienna|geneva|zurich|stockholm|oslo|copenhagen|helsinki|warsaw|prague|"
        "budapest|kyiv|kiev|minsk|dublin|edinburgh|toronto|montreal|vancouver|ottawa|"
        "mexico city|havana|caracas|bogota|lima|santiago|buenos aires|sao paulo|"
        "rio de janeiro|brasilia|nairobi|lagos|johannesburg|cape town|sydney|melbourne|"
        "canberra|auckland|bangkok|hanoi|manila|jakarta|taipei|dubai|"
        "riyadh|doha|abu dhabi|africa|asia|latin america|south america|north america|"
        "central america|middle east|the middle east|the west|the caribbean|scandinavia|"
        "the balkans|siberia|the arctic|antarctica|silicon valley|wall street|capitol hill"
    )
)

#: Words for a people, a nation's, a faith's or a party's members ('African Americans',
#: 'Mexicans', 'Democrats'): a name ending in one is never 'he' or 'she'.
DEMONYMS = _words(
    "american americans african-american african-americans hispanic hispanics latino latinos "
    "latina latinas asian asians european europeans african africans mexican mexicans "
    "canadian canadians british brits french germans russians chinese japanese koreans "
    "indians pakistanis iranians iraqis afghans syrians israelis palestinians arabs "
    "ukrainians italians spaniards brazilians cubans venezuelans colombians australians "
    "muslims christians jews catholics evangelicals democrats republicans conservatives "
    "liberals progressives"
)

#: Heads of descriptions of people by their family ('His ex-wife', 'Scott's family').
FAMILY_WORDS = _words(
    "wife husband son daughter mother father brother sister ex-wife ex-husband family parents "
    "children spouse widow widower grandmother grandfather"
)

#: Heads of documents and media that report or state something ('the report', 'a new poll').
DOCUMENT_WORDS = _words(
    "report reports study studies poll polls survey surveys analysis analyses letter memo "
    "statement statements book ad ads video clip website article database ruling data document "
    "documents slide filing filings complaint lawsuit editorial column records record figures "
    "review audit estimate estimates research investigation findings brief indictment "
    "affidavit transcript statistics census "
    # rules-16: what measures or records ('Gallup’s weekly average shows …', 'footage shows …')
    "average averages tally footage recording recordings forecast forecasts projections"
)

#: Plurals ending like a group of people (-ers, -ors, -ents...) that name things: not speakers
#: ('The endeavors could offer …').
THING_PLURALS = _words(
    "endeavors endeavours efforts errors factors numbers papers letters matters orders borders "
    "quarters headquarters centers centres layers powers waters others waivers sectors favors "
    "favours honors honours colors colours rumors rumours motors mirrors terrors vectors towers "
    "chambers answers corners offers filters banners barriers elements events documents "
    "comments statements moments segments payments arguments agreements developments "
    "improvements requirements investments amendments"
)

#: Months: a time after a speaker ('federal prosecutors in April').
MONTHS = _words(
    "january february march april may june july august september october november december"
)

#: Heads of public bodies and the people who voice a text: 'the state', 'the ad's narrator'.
PUBLIC_BODIES = _words(
    "state city county country nation province region narrator announcer moderator panel jury"
)

#: Words that mark a clause inside what looked like a speaker: 'the Tribune, which keeps …'.
CLAUSE_MARKS = _words("which who whom whose where when n't haven't hasn't didn't")

#: Words that end the head of a description: 'a spokesman for …', 'a source familiar with …'.
HEAD_BREAKS = _words("of for at with from in on who which that to by familiar close knowledgeable")

#: Words that open a time after a speaker: 'on Tuesday', 'last week'.
TIME_LEADS = _words("on in at last this next")

#: Where words are said: 'in a statement', 'in an interview'.
SAYING_PLACES = _words("interview email post tweet speech call conference briefing")

#: Function words a topic never starts or ends on ('deal between' is no topic): prepositions,
#: conjunctions, auxiliaries, quantifiers.
TOPIC_FUNCTION_WORDS = _words(
    "about above across after against along amid among amongst around as at before behind below "
    "beneath beside besides between beyond by despite down during except for from in inside "
    "into like near of off on onto out outside over past per since than through throughout till "
    "to toward towards under underneath unlike until up upon via with within without and or nor "
    "but so yet if because while whether although though unless is are was were be been being "
    "am do does did doing will would shall should can could may might must not no any each "
    "every some such own same very too there here where when which who whom whose what why how "
    "this that these those it its they them their our we you your"
)

#: Labels that open a paragraph with a colon but name no speaker: 'UPDATE: …', 'Photo: …'; a
#: label of several words that opens with one is none either ('New Release: …', 'Top Deal: …').
NOT_SPEAKER_LABELS = _words(
    "update updated correction clarification note editor's abstract photo photos video watch "
    "read related see also q a transcript warning breaking exclusive opinion "
    "analysis live follow listen background bottom top fact summary context more latest talk "
    "stealth everything new deal deals"
)

#: Nouns for people by what they do, beside the roles ('one poster', 'a reader').
PEOPLE_NOUNS = _words(
    "poster commenter user blogger reader viewer caller writer editor teacher worker farmer "
    "owner resident student parent doctor nurse soldier veteran victim survivor neighbor "
    "neighbour organizer organiser participant couple pair duo trio "
    # people described by what they are or do where they are: 'a woman who lives nearby',
    # 'one pupil', 'a passenger on the train'
    "man woman boy girl child teenager youngster pupil fan shopper passenger customer villager "
    "commuter tourist visitor spectator patient motorist cyclist pedestrian onlooker bystander "
    "eyewitness attendee pensioner tenant landlord homeowner volunteer refugee migrant prisoner "
    "inmate colleague classmate teammate mourner worshipper"
)

#: The last word of a holiday's, an event's or a venue's name, never a person's: 'Labor Day',
#: 'World Cup', 'Falkirk Stadium', 'General Election', 'Second World War'.
EVENT_HEADS = _words(
    "day eve cup championship championships games olympics open prix festival awards "
    "tournament series summit forum expo marathon trophy stadium arena coast election elections war"
)

#: Irregular verb forms that end no topic noun phrase ('Lib Dems spent', 'night away dancing').
TOPIC_VERB_WORDS = _words(
    "spent came went took gave left kept won lost led met ran brought bought sold struck "
    "fell rose began broke chose drove grew stood paid built dancing walking comes "
    "goes seems appears"
)

#: Irregular past participles: 'a letter seen by …' (the head is 'letter').
PARTICIPLES = _words("seen written given taken made sent held known found obtained shown")

#: Prepositions that are never subordinators: a name after one is not a subject ('Democrats
#: in Congress said').
PREPOSITIONS_ONLY = _words(
    "of in on at by for from with about against between into through over under among "
    "without to toward towards per via like near across within"
)

#: Heads of quantities whose 'of' leads to the real head: 'a number of members', 'many of them'.
QUANTITY_HEADS = _words(
    "number group coalition handful majority minority dozens hundreds thousands millions "
    "many most some several few one two three all each none both half"
)

#: Adjectives of a position after 'be', with what introduces its object: 'Lee is critical of the
#: plan', 'aides were confident that …', 'Republicans were incensed that …'. Also 'made clear
#: that'.
ATTITUDE_ADJECTIVES = frozenset(
    f"{adjective} {word}"
    for adjective, words in (
        ("critical", "of"),
        ("skeptical", "of about that"),
        ("sceptical", "of about that"),
        ("supportive", "of"),
        ("opposed", "to"),
        ("concerned", "about that"),
        ("worried", "about that"),
        ("confident", "that"),
        ("convinced", "that"),
        ("adamant", "that"),
        ("optimistic", "about that"),
        ("pessimistic", "about"),
        ("wary", "of"),
        ("hopeful", "that"),
        ("proud", "of"),
        ("frustrated", "with by that"),
        ("determined", "to"),
        ("eager", "to for"),
        ("reluctant", "to"),
        ("unwilling", "to"),
        ("willing", "to"),
        ("clear", "that"),
        ("incensed", "that by over"),
        ("angry", "that about at over"),
        ("upset", "that about by over"),
        ("furious", "that about at over"),
        ("outraged", "that by over"),
        ("afraid", "that of"),
        ("aware", "that of"),
        ("sure", "that"),
        ("certain", "that"),
        ("disappointed", "that by with in"),
        ("pleased", "that with by"),
        ("happy", "that with about"),
        ("unhappy", "that with about"),
        ("satisfied", "that with"),
        ("alarmed", "that by"),
        ("troubled", "that by"),
        ("ready", "to"),
        ("prepared", "to"),
        ("open", "to"),
        ("committed", "to"),
        ("intent", "on"),
        ("in favor", "of"),
        ("in favour", "of"),
    )
    for word in words.split()
)

#: Indefinite pronouns for things: never a speaker ('Everything Trump says').
INDEFINITE_PRONOUNS = _words("everything nothing anything something")

#: Words that open a sentence and are no part of a name: after "U.S." or "L.A." a capital
#: starts a new sentence only with one of these ("in the U.S. The president said") or a quote,
#: not with a name's next word ("the L.A. Auto Show", "U.S. Secretary of State").
SENTENCE_OPENERS = (
    PRONOUNS
    | POSSESSIVES
    | CONNECTORS
    | CLAUSE_OPENERS
    | SUBORDINATORS
    | PREPOSITIONS_LEADING
    | _words("a an the this these those there here in on at for last many some")
)

#: A web page's furniture that text extraction leaves glued before a sentence ('Scroll down for
#: video Gordon Brown said …'); never part of a speaker's name.
PAGE_FURNITURE = (
    "Scroll down for video",
    "Click here",
    "Read more",
    "Advertisement",
    "Media playback is not supported on this device",
    "Media playback is unsupported on your device",
)
