"""Common English given names and the gender they usually carry.

A prior only: the text's own pronouns, titles and honorifics outweigh it (a story
may well have a girl called Sam).  Without it, "Tom saw Mia. She smiled." has two
people of unknown gender and nothing to choose between them.
"""
from __future__ import annotations

MALE = frozenset("""
aaron adam adrian aidan alan albert alex alexander alfred andrew andy angus anthony archie arnold arthur
austin barry ben benedict benjamin bernard bill billy bob bobby brad brandon brendan brian bruce bryan
caleb calvin carl carlos charles charlie chris christian christopher clarence claude clive colin connor
craig dale damian dan daniel danny darren david dean dennis derek dominic donald douglas duncan dylan
eddie edgar edmund edward edwin eli elias elijah elliot eric ernest ethan eugene evan felix fergus
finn francis frank frankie franklin fred freddie frederick gabriel gareth gary gavin geoffrey george
gerald gilbert gordon graham gregory guy harold harry harvey hector henry herbert hugh hugo ian isaac
ivan jack jacob jake james jamie jason jasper jeff jeffrey jeremy jerry jesse jim jimmy joe joel john
johnny jonathan jordan joseph josh joshua julian justin keith ken kenneth kevin kieran kyle lance
larry laurence lawrence leo leon leonard lewis liam lionel logan louis lucas luke malcolm marcus mark
martin matt matthew max maxwell michael miles mitchell nathan nathaniel ned neil nicholas nick nigel
noah norman oliver oscar owen patrick paul percy peter philip phillip quentin ralph randall ray raymond
reginald rex richard rick rob robert robin rodney roger roland ronald ross roy rupert russell ryan sam
samuel scott sean sebastian seth simon stanley stephen steve steven stuart ted teddy terry theo theodore
thomas tim timothy toby todd tom tommy tony travis trevor tristan troy tyler victor vincent walter
warren wayne wesley will william willie wyatt zach zachary
""".split())

FEMALE = frozenset("""
abigail adele agatha agnes alice alicia alison amanda amber amelia amy andrea angela anita ann anna
anne annie april ava barbara beatrice becky belinda bella beth bethany betty beverly bianca bonnie
brenda bridget brittany caitlin camilla candice cara carla carol caroline carrie cassandra catherine
cathy cecilia cecily celia charlotte chloe christina christine clara clare claire colleen cora daisy
daphne deborah debra delia denise diana diane dinah donna dora doris dorothy edith eleanor elaine
elena eliza elizabeth ella ellen ellie eloise elsie emily emma erica esther ethel eva evelyn faith
fanny felicity fiona flora florence frances georgia georgiana gertrude gillian ginny gloria grace
gwen hannah harriet hazel heather helen helena henrietta hilda holly ida imogen ingrid irene iris
isabel isabella isabelle ivy jackie jane janet janice jasmine jean jennifer jenny jessica jill joan
joanna jocelyn josephine joy joyce judith judy julia julie june karen kate katherine kathleen kathryn
katie kay kelly kim kitty laura lauren leah leila lena lilian lily linda lisa lizzie lois lola lorna
louisa louise lucia lucille lucy lydia lynn mabel madeleine maggie maisie mandy margaret maria
marian marianne marie marilyn marion martha mary matilda maud maureen maxine may megan melanie melissa
mia michelle mildred millie miranda molly monica nadia nancy naomi natalie nellie nicola nina
nora norah olive olivia paige pamela patricia paula pauline peggy penelope penny philippa phoebe polly
priscilla rachel rebecca regina rita roberta rosa rosalind rose rosemary rosie ruby ruth sabrina
sally samantha sandra sara sarah sharon sheila shirley sophia sophie stella stephanie susan susanna
suzanne sylvia tanya tess tessa theresa tina tracy ursula valerie vanessa vera veronica victoria
violet virginia vivian wendy willow winifred yvonne zoe
""".split())


def name_gender(first_name: str) -> str:
    """'male', 'female' or '' for a given name."""
    low = first_name.lower()
    if low in MALE and low not in FEMALE:
        return "male"
    if low in FEMALE and low not in MALE:
        return "female"
    return ""

# Diminutives and the formal names they shorten: "Lizzy" is Elizabeth Bennet when the
# text has one Elizabeth.  English only; a fandom's nicknames belong in a user's name list.
DIMINUTIVES = {
    "lizzy": "elizabeth", "lizzie": "elizabeth", "liz": "elizabeth", "eliza": "elizabeth",
    "beth": "elizabeth", "betsy": "elizabeth", "betty": "elizabeth", "bess": "elizabeth",
    "kitty": "catherine", "kate": "catherine", "katie": "catherine", "cathy": "catherine",
    "fanny": "frances", "jenny": "jane", "jack": "john", "johnny": "john", "tom": "thomas",
    "tommy": "thomas", "bill": "william", "billy": "william", "will": "william",
    "bob": "robert", "bobby": "robert", "rob": "robert", "dick": "richard", "rick": "richard",
    "ned": "edward", "ted": "edward", "teddy": "edward", "eddie": "edward", "harry": "henry",
    "hal": "henry", "jim": "james", "jimmy": "james", "jamie": "james", "mike": "michael",
    "nick": "nicholas", "sam": "samuel", "ben": "benjamin", "alex": "alexander",
    "charlie": "charles", "chuck": "charles", "fred": "frederick", "freddie": "frederick",
    "meg": "margaret", "maggie": "margaret", "peggy": "margaret", "polly": "mary",
    "molly": "mary", "annie": "anne", "nancy": "anne", "sally": "sarah", "abby": "abigail",
    "becky": "rebecca", "sukey": "susan", "sue": "susan", "susie": "susan", "dolly": "dorothy",
    "dora": "dorothy", "nell": "eleanor", "nelly": "eleanor", "lottie": "charlotte",
    "jo": "josephine", "amy": "amelia", "georgie": "georgiana",
    "bev": "beverly", "bea": "beatrice", "trixie": "beatrice", "kit": "christopher",
    "chris": "christopher", "matt": "matthew", "andy": "andrew", "drew": "andrew",
    "tony": "anthony", "dan": "daniel", "danny": "daniel", "dave": "david", "steve": "stephen",
    "joe": "joseph", "joey": "joseph", "pat": "patrick", "patty": "patricia", "trish": "patricia",
    "liv": "olivia", "livvy": "olivia", "emmy": "emily", "izzy": "isabel", "bella": "isabella",
    "gabe": "gabriel", "nate": "nathaniel", "zach": "zachary",
    "vicky": "victoria", "tori": "victoria", "jess": "jessica", "cass": "cassandra",
    "steph": "stephanie", "theo": "theodore", "greg": "gregory", "ron": "ronald",
    "larry": "lawrence", "lenny": "leonard", "vinny": "vincent", "marge": "margaret",
    "madge": "margaret", "val": "valerie", "viv": "vivian", "bertie": "albert", "alf": "alfred",
    "archie": "archibald", "reggie": "reginald", "percy": "percival", "gerry": "gerald",
}

# More formal names a pet form shortens, beyond DIMINUTIVES' one (general English use):
# "Ed" is Edgar or Edwin as often as Edward, "Dot" a Dorothea as often as a Dorothy.
MORE_FORMAL = {
    "ned": ("edmund",), "ted": ("theodore", "edmund"), "teddy": ("theodore", "edmund"),
    "eddie": ("edmund", "edgar", "edwin"), "ed": ("edward", "edmund", "edgar", "edwin"),
    "daisy": ("margaret",), "mags": ("margaret", "magdalena"), "maggie": ("magdalena",),
    "maddie": ("madeleine", "magdalena"), "maddy": ("madeleine", "magdalena"),
    "sandy": ("alexander", "alexandra", "sandra"), "sasha": ("alexander", "alexandra"),
    "lexie": ("alexandra",), "alex": ("alexandra",), "sam": ("samantha",), "sammy": ("samuel", "samantha"),
    "bert": ("albert", "herbert", "robert", "bertram"), "hank": ("henry",), "kit": ("katherine", "catherine"),
    "jo": ("joanna", "joan"), "jack": ("jackson",), "chris": ("christine", "christina", "christian"),
    "tony": ("antonia",), "toni": ("antonia",), "nell": ("helen", "ellen"), "nellie": ("helen", "ellen", "eleanor"),
    "ellie": ("eleanor", "ellen", "elinor"), "nora": ("eleanor", "honora"), "rosie": ("rose", "rosalind", "rosamund"),
    "nan": ("anne", "ann"), "nancy": ("ann",), "annie": ("ann", "anna"), "lottie": ("charlotte",),
    "misha": ("michael",), "mick": ("michael",), "mickey": ("michael",), "bella": ("arabella",),
    "hettie": ("henrietta", "hester"), "hetty": ("henrietta", "hester"), "etta": ("henrietta",),
    "gus": ("augustus", "angus", "gustav"), "dolly": ("dorothea",), "dot": ("dorothy", "dorothea"),
    "jem": ("james", "jeremy"), "jemmy": ("james",), "wally": ("walter",), "walt": ("walter",),
    "dickie": ("richard",), "dick": ("richard",), "rich": ("richard",), "ritchie": ("richard",),
    "lenny": ("leonard", "lennox"), "leo": ("leonard", "leopold", "leonardo"), "lorrie": ("lorraine", "laura"),
    "sadie": ("sarah",), "sukie": ("susan",), "polly": ("mary", "paulina"), "milly": ("mildred", "millicent"),
    "millie": ("mildred", "millicent", "amelia"),
}


def _variant(name: str) -> str:
    """ "Stephen" and "Stefan": one name in two spellings."""
    low = name.lower().replace("th", "t").replace("ph", "f").replace("v", "f")
    return low[:-1] if len(low) > 4 and low[-1] in "aeiouy" else low


def pet_form_of(pet: str, formal: str) -> bool:
    """Whether ``pet`` is a pet form of the given name ``formal`` by the general tables,
    any spelling of it ("Hettie" of "Henriette")."""
    low = pet.lower()
    known = ((DIMINUTIVES[low],) if low in DIMINUTIVES else ()) + MORE_FORMAL.get(low, ())
    target = _variant(formal)
    return any(_variant(f) == target for f in known)
