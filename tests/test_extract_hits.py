"""Hits, wounds and restatements: the rules that keep crime-style reports from
double counting (one person shot, taken to hospital and found with a wound is
one casualty), as sentence and whole-article tables. Original sentences only.
"""

from __future__ import annotations

from collections import Counter

import pytest

from deathtoll.link import summarise_article
from deathtoll.model import Article

U, C = "unknown", "civilian"


def _reports(extractor, text):
    return [(r.outcome, r.count.best, r.victims.group) for r in extractor.extract(Article(id="t", text=text))]


@pytest.mark.parametrize("text, want", [
    # a relative clause's "who" stands for its noun
    ("The gunman shot a clerk who died at the scene.", [("killed", 1, C)]),
    # "found dead" through a relative clause
    ("Investigators say a man who was found dead in a ditch had been shot.", [("killed", 1, U)]),
    # the object of a relative clause with "fatally shot"
    ("The family of the man whom police fatally shot wants answers.", [("killed", 1, U)]),
    # headline passive without "was"
    ("Woman shot, killed in parking lot", [("killed", 1, C)]),
    # "shot dead" as a reduced clause
    ("Officers found the driver shot dead inside a van.", [("killed", 1, U)]),
    # "shot and killed" shares its object
    ("A guard shot and killed a robber outside the bank.", [("killed", 1, U)]),
    # a gunshot wound names a person hit (outcome not said: wounded, soft)
    ("Deputies found a 19-year-old with a gunshot wound to the arm.", [("wounded", 1, U)]),
    # "taken to hospital with injuries" is one person, not two
    ("He was taken to a hospital with minor injuries.", [("wounded", 1, U)]),
    # "left X in critical condition"
    ("The attack left a teenager in critical condition.", [("wounded", 1, C)]),
    # "they" takes the count of the people just named
    ("Two brothers were shot near the mosque, and they died later.", [("wounded", 2, C), ("killed", 2, C)]),
    # "a second" is one more person
    ("One man died and a second was injured in the blast.", [("killed", 1, U), ("wounded", 1, U)]),
    # a body of a named person
    ("John Harper's body was found near the river.", [("killed", 1, U)]),
    # a single death said as a noun
    ("Police are investigating a shooting death in the north of the city.", [("killed", 1, U)]),
    # "attempted murder" is not a death
    ("He was charged with attempted murder after the fight.", []),
    # an age between commas is not a count
    ("The boy, 9, died after being shot by a relative.", [("killed", 1, C)]),
    # a year is not a count
    ("It was the first homicide of 2016 in the city.", [("killed", 1, U)]),
    # "shot at" misses; "shot at 9 p.m." hits
    ("Gunmen shot at the convoy but missed.", []),
    # a time after "at" does not make "shot" a miss
    ("Two men were shot at 9 p.m. near the market.", [("wounded", 2, U)]),
    # a passive "shot at" a place is where the hit happened
    ("Police said a man was shot at a shopping center.", [("wounded", 1, U)]),
    # but a passive "shot at by" someone is fired upon
    ("He was shot at by a gunman but was not hit.", []),
    # and fired at a vehicle is no hit either
    ("The car was shot at by two men.", []),
    # an age word standing for a person is one person (a child is a civilian)
    ("Deputies say the blast left a 16-year-old wounded.", [("wounded", 1, C)]),
    # two of them, plural
    ("Two 14-year-olds were shot behind the gym.", [("wounded", 2, C)]),
    # an adult by age is of unknown group
    ("A 45-year-old was stabbed near the depot.", [("wounded", 1, U)]),
    # an age word is never a count
    ("A 60-year-old farmer was killed by a stray shell.", [("killed", 1, C)]),
    # a name with an age before it is a person even when the tagger calls it an organisation
    ("Officers said Rolf Dyer killed 41-year-old Marta Lenz after the party.", [("killed", 1, U)]),
    # "was found shot": the state of the person found
    ("Deputies said the driver was found shot in the left arm.", [("wounded", 1, U)]),
    # "was found shot dead"
    ("A shopkeeper was found shot dead behind his counter.", [("killed", 1, C)]),
    # "left one man critically injured", where the parser makes "injured" a clause of its own
    ("They seek the gunman in a robbery that left one man critically injured.", [("wounded", 1, U)]),
    # the one found with a wound, not the finders
    ("Troopers found a 15-year-old with a bullet wound in one leg.", [("wounded", 1, C)]),
    # a noun mis-tagged "suffering" still holds its wound
    ("They found a juvenile male suffering from a gunshot wound.", [("wounded", 1, U)]),
    # "grazed" is a hit
    ("One bystander was grazed by a bullet during the exchange.", [("wounded", 1, C)]),
    # "in critical condition" after a passive shares its subject
    ("The clerk, who was alone, was hit twice and is in critical condition.", [("wounded", 1, C)]),
    # "shooting suspect" and "stabbing victims" are noun compounds, not hits
    ("Officials say shooting suspect Len Moody surrendered on Friday.", []),
    # the victim of a deadly or fatal attack died
    ("Police named the victim of a fatal stabbing on Elm Street.", [("killed", 1, U)]),
    # "who" stands for the noun next to it ("the man"), not for "Family"
    ("Family of man who deputies fatally shot asks for video", [("killed", 1, U)]),
    # an event named deadly counts one death at least
    ("Police are looking into a deadly shooting near the depot.", [("killed", 1, U)]),
    # "the fatal shooting of a teen" counts the teen
    ("Deputies named a suspect in the fatal shooting of a teen.", [("killed", 1, C)]),
    # "a double fatal shooting" counts two
    ("Two brothers were named in the double fatal shooting.", [("killed", 2, U)]),
    # beside a count of its own, the deadly event adds nobody
    ("Two people were killed in a deadly shooting on Friday.", [("killed", 2, U), ("killed", 1, U)]),
    # a threat to kill is no killing
    ("He told the dispatcher a neighbour was threatening to kill him.", []),
    # nor a command, nor a modal
    ("The crowd yelled at officers to go ahead and shoot him.", []),
    ("Officials warned the militia could kill dozens more.", []),
    # "went on to kill" happened
    ("The gunman went on to kill three people at the bar.", [("killed", 3, U)]),
    # a trip to hospital for a check names no injury
    ("The driver was taken to a hospital for a medical clearance and then jailed.", []),
    ("The girl was taken to the hospital as a precaution.", []),
    # an age word before "shot" in a headline is one person
    ("16-year-old shot outside club, police say", [("wounded", 1, C)]),
    # "a man was shot, and a boy was killed" is not a fatal shot of the man
    ("A man was shot on Monday, and a boy was killed on Sunday.", [("wounded", 1, U), ("killed", 1, C)]),
])
def test_hit_sentences(extractor, text, want):
    assert Counter(_reports(extractor, text)) == Counter(want)


@pytest.mark.parametrize("text, killed, wounded", [
    # a hit who later dies is killed, not also wounded
    ("Man dies after shooting\nA man was shot on Elm Street on Friday. He died at the hospital.", 1, 0),
    # a hit described three ways is one wounded person
    ("Woman hurt in shooting\nA woman was shot on Elm Street. She reached the hospital with a bullet wound "
     "and her condition is stable.", 0, 1),
    # two people hit, one died
    ("Two shot\nTwo men were shot outside a bar on Friday. One of them died at the scene.", 1, 1),
    # a person named in a report of a person shot and the man found with a wound are one
    ("Shooting\nPolice responded to a report of a person shot and found a man with a gunshot wound.", 0, 1),
    # a man and a woman hit in one sentence are two people
    ("Couple shot\nThe woman was shot in the leg and the man was shot in the arm.", 0, 2),
    # people hit, told after the dead of their sentence, are more people
    ("Night of violence\nPolice found a man shot to death and two women who had been shot too.", 1, 2),
    # but not when they are a part of the hit ("one of them")
    ("Three shot\nThree people were shot on Elm Street, and one of them died.", 1, 2),
    # a death named as an event is the person hit, not one more
    ("Homicide\nDetectives are looking into a homicide after a man was shot near the mill on Friday.", 1, 0),
    # a headline repeated inside one scraped line counts once
    ("Clerk shot dead | Daily Gazette\nClerk shot dead | Daily Gazette Clerk shot dead in store robbery, "
     "police say. More news here.", 1, 0),
])
def test_hit_totals(extractor, text, killed, wounded):
    title, body = text.split("\n", 1)
    art = Article(id="t", title=title, text=body)
    totals = summarise_article(art, extractor.extract(art)).totals
    assert (totals["killed"]["best"], totals["wounded"]["best"]) == (killed, wounded)


@pytest.mark.parametrize("text, want", [
    # "N of them" takes the people named before in the sentence
    ("Gunmen stopped a bus carrying pilgrims and killed 12 of them.", [("killed", 12, C)]),
    # with no plural person noun before it, "them" stays unknown
    ("After the raid they said they had killed 3 of them.", [("killed", 3, U)]),
])
def test_of_them(extractor, text, want):
    assert Counter(_reports(extractor, text)) == Counter(want)


@pytest.mark.parametrize("text, want", [
    # a verbless headline: "<number> shot" is a hit
    ("3 shot near Elm Street bus stop", [("wounded", 3, U)]),
    # "<number> Dead, <number> Wounded" in title case
    ("Two Dead, Five Wounded After Bar Fight", [("killed", 2, U), ("wounded", 5, U)]),
    # "shot, one fatally" splits the hit
    ("5 shot, one fatally, on Elm Street", [("killed", 1, U), ("wounded", 4, U)]),
    # the number before "shot" is the shooter when the verb has an object
    ("A 15-year-old shot and killed a man on Sunday.", [("killed", 1, U)]),
    # a number after "man," is his age, even run into the next line's name
    ("Teen kills man, 18 Jon Ruiz found wounded at his home", [("killed", 1, U)]),
    # "shot dead" is a death
    ("Cops: 2 shot dead in parking garage", [("killed", 2, U)]),
    # "one shot" fired is a bullet, not a person
    ("The guard fired one shot at the car.", []),
    # nor is "a shot"
    ("A shot rang out but nobody was there.", []),
    # "many wounded" is no number
    ("Dozens were hurt, many wounded by glass.", [("wounded", 24, U)]),
])
def test_headline_numbers(extractor, text, want):
    assert Counter(_reports(extractor, text)) == Counter(want)


@pytest.mark.parametrize("text, found", [
    # the body states no casualty: the headline is read
    ("Sign in to comment.", [("killed", 1)]),
    # the body states only an arrest: the headline still tells the dead
    ("Deputies arrested a man on Friday.", [("detained", 1), ("killed", 1)]),
    # the body tells its own dead: the headline is not read again
    ("A clerk was shot dead in the store on Friday.", [("killed", 1)]),
])
def test_a_headline_is_read_when_the_body_tells_no_dead_or_hurt(extractor, text, found):
    art = Article(id="t", title="Clerk killed in store robbery", text=text)
    reps = extractor.extract(art)
    assert sorted((r.outcome, r.count.best) for r in reps) == found
    assert all((r.evidence.start < 0) == ("sentence:headline" in r.evidence.rules) for r in reps)


def test_a_headline_the_text_lacks_is_read_with_negative_offsets(extractor):
    # a scraped page whose body is a sign-in box still has its story in the headline
    art = Article(id="t", title="Man dead after Elm Street shooting | WXYZ News",
                  text="Sign in to comment.\n\nThanks for registering! Check your inbox.")
    reps = extractor.extract(art)
    assert [(r.outcome, r.count.best) for r in reps] == [("killed", 1)]
    ev = reps[0].evidence
    headline = "Man dead after Elm Street shooting"
    assert "sentence:headline" in ev.rules and ev.sentence == headline
    # the offsets count back from the text's start, as if the text were headline + "\n\n" + text
    full = headline + "\n\n" + art.text
    shift = len(headline) + 2
    assert full[ev.start + shift : ev.end + shift] == "Man"
    assert (ev.sentence_start, ev.sentence_end) == (-shift, -2)


@pytest.mark.parametrize("text, want", [
    # a hit whose agent is a bullet is a gunshot
    ("A boy of six was hit by a stray bullet on his porch.", [("wounded", 1, C)]),
    # so is one whose subject is a round
    ("A stray round struck a girl playing in the yard.", [("wounded", 1, C)]),
    # a gun that goes off and hits someone shoots them
    ("The rifle went off, hitting his cousin in the arm.", [("wounded", 1, C)]),
    # a car that hits someone is no gunshot
    ("A delivery van hit a cyclist on the bridge.", []),
    # a bullet that hits a window hurts nobody
    ("A bullet hit the kitchen window.", []),
    # a bare number right after the verb, which the parser hung elsewhere, is the count
    ("Farmer indicted in shooting that injured 7", [("wounded", 7, U)]),
    # but not a number that counts a noun after it (ponies are no casualties)
    ("Farmer indicted in shooting that injured 7 ponies", []),
    # a killing named as an event in a headline is one death
    ("Three cousins charged in killing", [("killed", 1, U)]),
    # a person in a state of harm after a shooting was hurt in it
    ("Woman recovering after accidental shooting", [("wounded", 1, C)]),
    ("The clerk is critical after the shooting on Pine Road.", [("wounded", 1, C)]),
    ("A woman is expected to recover after the shooting on Pine Road.", [("wounded", 1, C)]),
    # a homicide victim died
    ("Police named the homicide victim on Tuesday.", [("killed", 1, U)]),
    # a shooting victim may live
    ("Police named the shooting victim on Tuesday.", []),
    # what recovers after a crash is not always a person
    ("The market is recovering after the crash.", []),
])
def test_hits_by_fire_and_states_after_a_shooting(extractor, text, want):
    assert Counter(_reports(extractor, text)) == Counter(want)


def test_a_title_case_headline_is_parsed_in_sentence_case(extractor):
    # in Title Case the parser reads "Deaths" as a name; in sentence case as the deaths of two people
    art = Article(id="t", title="Nephew Arraigned On Shooting Deaths Of Aunt And Uncle", text="Sign in to comment.")
    reps = extractor.extract(art)
    assert [(r.outcome, r.count.best) for r in reps] == [("killed", 1), ("killed", 1)]
    # the evidence and the figure keep the headline's own case
    assert all(r.evidence.sentence.startswith("Nephew Arraigned") for r in reps)
    assert {r.count.text for r in reps} == {"Aunt", "Uncle"}


def test_a_round_up_word_inside_a_name_is_no_round_up(extractor):
    # "Nationwide" names the hospital here: the boy taken there is one incident, not a tally
    reps = extractor.extract(Article(id="t", text="A boy was taken to Nationwide Children's Hospital after a shooting."))
    assert [(r.outcome, r.count.best, r.scope) for r in reps] == [("wounded", 1, "incident")]
    # the same word outside a name still marks a tally
    reps = extractor.extract(Article(id="t", text="Nationwide, 40 people were killed in shootings last weekend."))
    assert [(r.outcome, r.count.best, r.scope) for r in reps] == [("killed", 40, "aggregate")]


@pytest.mark.parametrize("text, want", [
    # a name, an apposition and "and six children": three items of a list
    ("Ann Lee, her husband and six children were shot dead in their home.",
     [("killed", 1, U), ("killed", 1, C), ("killed", 6, C)]),
    # an apposition that describes the victim adds nobody
    ("The victim, a father of two and a veteran, was shot.", [("wounded", 1, U)]),
    # a time in the possessive dates one event: not a tally of the month
    ("Police named a suspect in last month's murders of eight people.", [("killed", 8, U)]),
])
def test_lists_and_possessive_times(extractor, text, want):
    assert Counter(_reports(extractor, text)) == Counter(want)


@pytest.mark.parametrize("text, want", [
    # the parser split "deputies confirmed [two girls were shot]": the girls were shot, not the deputies
    ("Deputies confirmed two girls, ages 12 and 13, were shot near the pool.", [("wounded", 2, C)]),
    # a headline's bare participle under "says" is a passive: the deputy was struck
    ("Deputy fatally struck by stray bullet, sheriff says", [("killed", 1, "security_forces")]),
    # "shoots self" in a headline: the one who shot
    ("Guard accidentally shoots self while cleaning rifle", [("wounded", 1, U)]),
    # "her brother being shot", where the parser hung "brother" on "in": he was shot
    ("A long quarrel over money resulted in her brother being shot in the hand.", [("wounded", 1, C)]),
    # a scraped close button before the headline is no part of the count
    ("× Two teens injured in east side shooting", [("wounded", 2, C)]),
])
def test_scraping_and_parser_slips(extractor, text, want):
    assert Counter(_reports(extractor, text)) == Counter(want)


def test_a_possessive_time_is_no_period(extractor):
    reps = extractor.extract(Article(id="t", text="Police named a suspect in last month's murders of eight people."))
    assert [r.scope for r in reps] == ["incident"]
    reps = extractor.extract(Article(id="t", text="Eight people were murdered in the city last month."))
    assert [r.scope for r in reps] == ["aggregate"]
