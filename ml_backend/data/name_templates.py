"""Sentence templates of the learned name detector's synthetic training and evaluation data (guideline-style prompts).

Slots: ``{P}`` a person's full name (labelled a name), ``{F}`` a given name alone (labelled a name), and slots
that are NOT names of people (labelled not-name): ``{ORG}`` a company, ``{PROD}`` a product or brand, ``{CITY}``,
``{COUNTRY}``, ``{STREET}``, ``{PET}`` a pet's name, ``{GOD}`` a character of Greek mythology, ``{MONTH}``,
``{THING}`` a capitalised common phrase. :data:`TEMPLATES` is split in two disjoint sets by
:func:`template_split` so the evaluation never sees a training template.

    >>> a, b = template_split()
    >>> len(a) > 40 and len(b) > 40 and not set(a) & set(b)
    True
"""

from __future__ import annotations

TEMPLATES: tuple[str, ...] = (
    "Write a letter to {P} about the overdue invoice.",
    "Can you draft an email to {P} asking for a meeting next week?",
    "My coworker {P} keeps taking credit for my work. How do I handle it?",
    "Write a short bio for {P}, a nurse from {CITY}.",
    "Thanks,\n{P}",
    "Best regards,\n{P}\n{ORG}",
    "\"{P} said the deadline is Friday,\" my boss told me. Rewrite this politely.",
    "Make a list of guests: {P}, {P}, and {P}.",
    "Summarise what {P} said in yesterday's meeting.",
    "Write a toast for my friend {P}'s wedding.",
    "my neighbour {P} plays loud music every night, what should i say",
    "Please review the essay {P} submitted for the {ORG} scholarship.",
    "Compose a birthday poem for {F}, my little sister.",
    "{P} from accounting needs the report by {MONTH}.",
    "Draft a reference letter for {P}, who worked with me at {ORG} in {CITY}.",
    "Is it rude to ask {F} from {ORG} out for coffee?",
    "Rewrite this: {P} will cover my shift on Saturday.",
    "Agenda: intro by {P}, budget by {P}, Q&A.",
    "Write a eulogy for {P}, who loved gardening and {PROD}.",
    "How should I reply to {P} about the rent increase?",
    "Dear {P},\nThank you for your application.",
    "Our new hire {P} starts on Monday; write a welcome message.",
    "Translate this note from {P} into French.",
    "Create a LinkedIn summary for {P}, a data engineer in {CITY}.",
    "Tell {F} that dinner is at six.",
    "My teacher {P} gave me a bad grade. Write a complaint.",
    "The tenant {P} at {STREET} has not paid.",
    "Who is {P} and why is my manager angry with them?",
    "Write a speech introducing our keynote speaker, {P}.",
    "Interview notes: candidate {P}, strong on Python, weak on SQL.",
    "My cousin {F} and her husband {P} are visiting from {COUNTRY}.",
    "Write a thank-you card for {P} who looked after my dad.",
    "Can you make this text to {F} sound less angry?",
    "Meeting minutes - attendees: {P}; {P}; {P}.",
    "Write a recommendation for {P}, my former student at {ORG}.",
    "I'm {P}, a freelance designer. Write my portfolio intro.",
    # negatives: no person
    "Compare the {PROD} and the {PROD} for a student.",
    "Write a story about {GOD} and {GOD} on Mount Olympus.",
    "My dog {PET} keeps chewing the sofa. How do I stop him?",
    "What are the best things to do in {CITY} in {MONTH}?",
    "Explain how {ORG} makes money.",
    "Write a product description for the new {PROD}.",
    "Our cat {PET} won't eat her food, what should I do?",
    "Give me a short history of the {THING}.",
    "Plan a week-long trip to {COUNTRY} with a stop in {CITY}.",
    "Write a cover letter for a job at {ORG} in {CITY}.",
    "Is {PROD} better than {PROD} for gaming?",
    "Summarise the myth of {GOD} for a ten-year-old.",
    "How do I get from {STREET} to the train station?",
    "Write a poem about the {THING} in {MONTH}.",
    "What does {ORG} do, and is it a good employer?",
    "My hamster {PET} escaped again. Any tips for finding him?",
    "Explain the difference between {ORG} and {ORG}.",
    "Recommend a good {PROD} case under fifty dollars.",
    "Why did {GOD} punish Prometheus?",
    "Translate 'the {THING}' into Spanish.",
    "Write a review of {PROD}: five stars, fast delivery.",
    "Describe the climate of {COUNTRY} and {CITY}.",
    "Our puppy is called {PET}; write a funny caption for his photo.",
    "List five facts about the {THING}.",
    "def get_{THING_LOW}(self): return self.{THING_LOW}",
    "Write an ad for {ORG}'s {MONTH} sale.",
)


def template_split() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Set A (even positions: training) and set B (odd positions: evaluation only)."""
    return TEMPLATES[0::2], TEMPLATES[1::2]


THINGS: tuple[str, ...] = (
    "Northern Lights", "Ottoman Empire", "Roman Republic", "Great Barrier Reef", "Industrial Revolution",
    "Cold War", "Silk Road", "Golden Gate Bridge", "Eiffel Tower", "Milky Way", "Black Death", "Renaissance",
    "Grand Canyon", "Amazon Rainforest", "Magna Carta", "Supreme Court", "World Cup", "Super Bowl",
    "Winter Olympics", "Great Depression", "Hundred Years War", "French Revolution", "Berlin Wall",
    "Statue of Liberty", "Dead Sea", "Sahara Desert", "Stock Market", "Federal Reserve", "Rocky Mountains",
    "Taj Mahal", "Spanish Armada", "Bronze Age", "Big Bang", "Solar System", "Pacific Ocean", "Mona Lisa",
)
PRODUCTS: tuple[str, ...] = (
    "iPhone 15", "Galaxy S24", "Pixel 8", "MacBook Air", "ThinkPad X1", "PlayStation 5", "Xbox Series X",
    "Nintendo Switch", "Kindle Paperwhite", "Apple Watch", "AirPods Pro", "Surface Pro", "Fitbit Charge",
    "Dyson V15", "Instant Pot", "KitchenAid mixer", "Roomba", "GoPro Hero", "Tesla Model 3", "Toyota Corolla",
    "Honda Civic", "Ford Mustang", "Nike Air Max", "Adidas Ultraboost", "Spotify Premium", "Netflix",
    "Photoshop", "Excel", "Notion", "Slack", "Zoom", "Canva", "Peloton bike", "Oculus Quest", "Bose QC45",
    "Sony WH-1000XM5", "Garmin Forerunner", "Vitamix blender", "Nespresso Vertuo", "Lego Technic",
)
PETS: tuple[str, ...] = (
    "Biscuit", "Max", "Bella", "Luna", "Charlie", "Milo", "Coco", "Rocky", "Daisy", "Pepper", "Oreo", "Simba",
    "Nala", "Teddy", "Buster", "Ginger", "Mochi", "Peanut", "Shadow", "Ziggy", "Pickles", "Waffles", "Bruno",
    "Rex", "Lucky", "Sasha", "Toby", "Duke", "Maple", "Nugget",
)
MONTHS: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                           "October", "November", "December", "spring", "summer", "Christmas", "Easter")
TITLES: tuple[str, ...] = ("Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Sgt.", "Lt.", "Capt.", "Cpl.", "Rev.", "Judge",
                           "Officer", "Nurse", "Coach", "Uncle", "Aunt", "Pastor", "Dr", "Mr", "Mrs", "Sir",
                           "Captain", "Colonel", "General", "Major", "Saint", "St.", "King", "Queen", "Prince",
                           "President", "Senator", "Governor", "Father", "Sister", "Brother", "Rabbi", "Imam", "Chef",
                           "Detective", "Agent", "Inspector", "Professor", "Madam", "Lady", "Lord", "Grandma",
                           "Auntie", "Private", "Sergeant", "Lieutenant", "Admiral", "Bishop", "Mayor", "Councillor")
# real places of two words, several shaped like a person's name ("Santa Barbara", "Port Elizabeth")
PLACES: tuple[str, ...] = (
    "Santa Barbara", "Santa Monica", "San Diego", "San Antonio", "Los Angeles", "St. Louis", "Fort Worth",
    "Port Elizabeth", "Saint Petersburg", "New Orleans", "Grand Rapids", "Salt Lake City", "Costa Rica",
    "Sierra Leone", "Buenos Aires", "Rio de Janeiro", "Santa Cruz", "San Jose", "Lake Victoria", "Mount Kenya",
    "Cape Town", "Alice Springs", "Victoria Falls", "Charlotte Amalie", "Port Louis", "Marie Byrd Land",
    "Fort Lauderdale", "Palm Springs", "Baton Rouge", "Santa Fe", "San Marino", "Sao Paulo",
    "Kuala Lumpur", "Abu Dhabi", "Hong Kong", "Ho Chi Minh City", "Tel Aviv", "Addis Ababa",
)

# Composed templates: a frame before the name x a frame after it. Set A pairs the even-numbered frames, set B the
# odd-numbered ones, so no evaluation sentence shares a frame with a training sentence.
BEFORE: tuple[str, ...] = (
    "Write a letter to", "Can you email", "Remind", "Tell", "Thank", "Invite", "My boss", "My neighbour",
    "Who is", "I met", "According to", "Here is a note from", "Draft a reply to", "Ask", "Please call",
    "I work with", "My landlord", "Congratulate", "The new intern", "Forward this to", "Write a poem for",
    "My classmate", "Our client", "Apologise to", "Send flowers to", "I was interviewed by", "Meet",
    "The doctor,", "Introduce me to", "Say sorry to", "Summarise the message from", "My friend",
    "Write a reference for", "Text", "Reply to", "A complaint about", "Schedule a call with", "CC",
    "Notes from my call with", "Rewrite the bio of", "The patient", "Speech for", "Sign-off: cheers,",
    "Quote from", "My ex", "Our tutor", "Please welcome", "Is it ok to message", "Write an invitation for",
    "Hi, I'm",
)
AFTER: tuple[str, ...] = (
    "about the meeting.", "who works at {ORG}.", "'s birthday is next week.", "from {CITY} called me.",
    ", my coworker, is late again.", "and ask about the invoice.", "is leaving {ORG} in {MONTH}.",
    "said the server is down.", "- make it polite.", "who lives on {STREET}.", "for me please.", "?",
    "and her son.", "at 3pm tomorrow.", "'s new address.", ", thanks!", "and {P} are getting married.",
    "wants the slides by {MONTH}.", "from the {ORG} office.", "in a friendly tone.", "about {PROD}.",
    "; she moved to {COUNTRY}.", "(our treasurer).", "on behalf of the team.", "who adopted a dog named {PET}.",
    "before the trip to {CITY}.", ": the draft is attached.", "and keep it short", ".", "\n\nThanks in advance",
)


def composed_split() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Composed templates of set A and of set B (see :data:`BEFORE`)."""
    def join(before: str, after: str) -> str:
        glue = "" if after[:1] in "',?;:.\n" else " "
        return before + " {P}" + glue + after

    def pairs(parity: int) -> tuple[str, ...]:
        return tuple(join(b, a) for b in BEFORE[parity::2] for a in AFTER[parity::2])

    return pairs(0), pairs(1)
