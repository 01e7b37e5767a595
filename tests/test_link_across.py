"""Cross-article linking: which article incidents become one incident, and why."""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from deathtoll.errors import ConfigError
from deathtoll.link.across import link_incidents, linked_id
from deathtoll.link.explain import explain_pair
from deathtoll.link.blocking import place_relation
from deathtoll.link.features import features_of
from deathtoll.link.items import LinkItem, LinkOptions, items_from_result
from deathtoll.link.manual import ManualDecisionError, ManualDecisions
from deathtoll.model import Article, ArticleResult, Incident, Place
from deathtoll.options import Options

from test_link_across_helpers import DAY, PLACES, item, one, partition, report

MARKET_A = "A parked car bomb tore through the Bab al-Tob market in Mosul, killing 12 shoppers."
MARKET_B = "At least 10 people died when an explosives-laden car blew up among stalls at Bab al-Tob market."
MARKET_C = "Doctors said between 12 and 14 shoppers were killed by the car bomb at the Bab al-Tob vegetable market."
SNIPER = "A sniper hidden in a minaret shot dead an Iraqi soldier in the Zanjili quarter of Mosul."
SNIPER_B = "Sniper fire killed one soldier on patrol in Zanjili, an army officer said."
KIRKUK_MARKET = "A car bomb tore through the main market in Kirkuk, killing 12 shoppers."


def three_outlets(c_low: int, c_best: int, c_high: int, c_later: int = 1) -> list[LinkItem]:
    return [
        one("tw", MARKET_A, 12, source="Tigris Wire", place="bab_al_tob"),
        one("np", MARKET_B, 10, source="Nineveh Post", place="bab_al_tob", group="unknown", text="At least 10", high=None),
        one("rt", MARKET_C, c_best, low=c_low, high=c_high, source="Rafidain TV", place="bab_al_tob",
            published=DAY + timedelta(days=c_later), text="between 12 and 14"),
    ]


@pytest.mark.parametrize("c_figures, status, best", [
    ((12, 12, 14, 1), "corroborated", 12),  # 12 / at least 10 / 12-14: ranges overlap
    ((8, 8, 8, 0), "conflicting", 12),  # 8 on the same day as 12: no overlap, not a rise
    ((30, 30, 30, 1), "corroborated", 30),  # 30 a day after 12: a rising toll, and best is the latest
])
def test_one_event_told_by_three_outlets_is_one_incident(c_figures, status, best):
    result = link_incidents(three_outlets(*c_figures))
    assert partition(result) == {frozenset({"tw/0", "np/0", "rt/0"})}
    (inc,) = result.incidents
    assert inc.sources == 3
    assert inc.status == status
    killed = next(v for v in inc.victims if v.outcome == "killed")
    assert killed.low == min(10, c_figures[0])  # the lowest figure any source gives
    assert killed.best == best  # the latest source's figure


def test_two_attacks_in_one_city_on_one_day_stay_two_incidents():
    items = [
        item([report("tw", 0, MARKET_A, 12, place="bab_al_tob")], source="Tigris Wire"),
        item([report("tw", 1, SNIPER, 1, text="an", group="security_forces", cause="sniper", place="zanjili",
                     incident=1)], source="Tigris Wire"),
        one("np", MARKET_B, 10, source="Nineveh Post", place="bab_al_tob", group="unknown"),
        one("np2", SNIPER_B, 1, text="one", source="Nineveh Post", group="security_forces", cause="sniper",
            place="zanjili"),
    ]
    result = link_incidents(items, options=LinkOptions(explain="all"))
    assert partition(result) == {frozenset({"tw/0", "np/0"}), frozenset({"tw/1", "np2/0"})}
    refused = [p for p in result.pairs if {p.a, p.b} == {"tw/0", "np2/0"}]
    assert refused and not refused[0].accepted and "cause differs" in refused[0].reasons


def test_follow_up_with_a_risen_toll_is_one_incident_with_the_new_figure():
    first = "A suicide bomber blew himself up at a checkpoint on Abu Nuwas street in Karrada, killing 5 people."
    later = "The toll from the suicide attack at the Abu Nuwas checkpoint in Karrada rose to 9 overnight."
    other = "Seven people died when a bomber set off an explosive vest at a Karrada checkpoint near Abu Nuwas street."
    kw = dict(place="karrada", group="unknown", cause="suicide_attack", day=date(2017, 3, 7))
    items = [
        one("bh1", first, 5, source="Baghdad Herald", published=date(2017, 3, 7), **kw),
        one("bh2", later, 9, source="Baghdad Herald", published=date(2017, 3, 8), rules=("toll_update",), **kw),
        one("tw", other, 7, text="Seven", source="Tigris Wire", published=date(2017, 3, 7), **kw),
    ]
    result = link_incidents(items)
    (inc,) = result.incidents
    assert inc.tally("killed") == (7, 9, 9)  # the superseded 5 no longer counts; best is the update
    assert inc.sources == 2 and inc.status == "corroborated"  # 7 then 9 is a rise, not a disagreement


def test_syndicated_copies_are_one_source():
    wire = "A roadside bomb struck a police patrol south of Kirkuk on Friday, killing three policemen."
    reprint = "A roadside bomb struck a police patrol south of Kirkuk on Friday, killing three policemen, a colonel said."
    kw = dict(place="kirkuk", group="security_forces", cause="ied", text="three")
    items = [
        one("tw", wire, 3, source="Tigris Wire", **kw),
        one("kd", wire, 3, source="Kirkuk Daily", copy_of="tw", **kw),
        one("kt", reprint, 3, source="Kurdistan Today", published=DAY + timedelta(days=1), **kw),
    ]
    result = link_incidents(items)
    (inc,) = result.incidents
    assert inc.sources == 1 and inc.status == "single-source"
    assert any("copy of tw" in p.reasons for p in result.pairs)


def test_an_article_never_holds_two_incidents_of_one_linked_incident():
    # The article's two incidents are both close to B; B may join only one of them.
    a0 = report("a", 0, MARKET_A, 12, place="bab_al_tob")
    a1 = report("a", 1, "Later a second car bomb exploded in the Bab al-Tob market in Mosul, killing 12 more.", 12,
                place="bab_al_tob", incident=1)
    items = [item([a0], source="A"), item([a1], source="A"), one("b", MARKET_A, 12, source="B", place="bab_al_tob")]
    result = link_incidents(items)
    for members in result.members.values():
        assert not {"a/0", "a/1"} <= set(members)
    assert any("refused: same article" in p.reasons for p in result.pairs)


def test_a_chain_through_a_vague_report_does_not_join_two_clear_events():
    vague = "An attack in the Bab al-Tob area of Mosul killed 12 people, including a soldier hit by a sniper and shoppers caught by a car bomb."
    items = [
        one("a", MARKET_A, 12, source="A", place="bab_al_tob"),
        one("v", vague, 12, source="V", place="bab_al_tob", cause=None, group="unknown"),
        one("c", "A sniper in the Bab al-Tob area of Mosul killed 12 people, including a soldier.", 12, source="C",
            place="bab_al_tob", cause="sniper", group="unknown"),
    ]
    result = link_incidents(items)
    assert not any({"a/0", "c/0"} <= set(m) for m in result.members.values())


@pytest.mark.parametrize("a_when, b_when, linked", [
    ((DAY, "day", None), (DAY + timedelta(days=1), "day", None), True),  # day precision: ±1 day
    ((DAY, "day", None), (DAY + timedelta(days=2), "day", None), False),  # two days apart: another event
    ((date(2017, 3, 6), "week", date(2017, 3, 12)), (date(2017, 3, 19), "day", None), True),  # week: ±7 days
    ((date(2017, 3, 6), "week", date(2017, 3, 12)), (date(2017, 3, 20), "day", None), False),  # 8 days past the week
    ((date(2017, 3, 1), "month", date(2017, 3, 31)), (date(2017, 5, 1), "day", None), True),  # month: ±31 days
    ((date(2017, 3, 1), "month", date(2017, 3, 31)), (date(2017, 5, 3), "day", None), False),  # 33 days past the month
])
def test_date_windows_depend_on_both_precisions(a_when, b_when, linked):
    a = one("a", MARKET_A, 12, source="A", place="bab_al_tob", day=a_when[0], precision=a_when[1], end=a_when[2])
    b = one("b", MARKET_A, 12, source="B", place="bab_al_tob", day=b_when[0], precision=b_when[1], end=b_when[2],
            published=b_when[0])
    result = link_incidents([a, b])
    assert (len(result.incidents) == 1) is linked


@pytest.mark.parametrize("b_place, b_published, b_day, linked", [
    ("bab_al_tob", DAY + timedelta(days=2), None, True),  # undated, same place, published within days
    ("bab_al_tob", DAY + timedelta(days=9), None, False),  # undated, published too late for this event
    ("mosul", DAY + timedelta(days=2), None, True),  # undated, in the town holding the market
    ("zanjili", DAY + timedelta(days=1), None, False),  # undated and only near: not compared
])
def test_undated_reports_link_only_at_the_same_place_and_time(b_place, b_published, b_day, linked):
    a = one("a", MARKET_A, 12, source="A", place="bab_al_tob")
    b = one("b", MARKET_A, 12, source="B", place=b_place, day=b_day, published=b_published)
    assert (len(link_incidents([a, b]).incidents) == 1) is linked


@pytest.mark.parametrize("pa, pb, relation", [
    ("mosul", "mosul", "same"),  # one GeoNames id
    ("bab_al_tob", "mosul", "inside"),  # a neighbourhood 1.3 km from its town's centre
    ("bab_al_tob", "zanjili", "near"),  # two neighbourhoods 2 km apart
    ("mosul", "nineveh", "inside"),  # a town in its province
    ("mosul", "iraq", "inside"),  # a town in its country
    ("mosul", "badush", "near"),  # a town 16 km out: near (a city's suburbs and outskirts lie within 20 km)
    ("mosul", "tal_afar", None),  # two towns 60 km apart
    ("mosul", "kirkuk", None),  # two towns 120 km apart
    ("mosul", "aleppo", None),  # another country
    ("mosul", "nowhere", None),  # a placed and an unplaced report are never compared
    ("nowhere", "nowhere", "unplaced"),  # two unplaced ones are, with a penalty
])
def test_place_relations(pa, pb, relation):
    opts = LinkOptions()
    fa = features_of(0, one("a", MARKET_A, 1, place=pa), opts)
    fb = features_of(1, one("b", MARKET_A, 1, place=pb), opts)
    assert place_relation(fa, fb, opts) == relation
    assert place_relation(fb, fa, opts) == relation


def test_an_unresolved_places_guessed_country_does_not_keep_it_apart():
    opts = LinkOptions()
    guess = [Place("Southeast Quarter", None, None, None, None, country, "unknown") for country in ("CA", "US")]
    fa, fb = (features_of(n, replace(one(x, MARKET_A, 1), incident=replace(one(x, MARKET_A, 1).incident, place=p)),
                          opts) for n, (x, p) in enumerate(zip("ab", guess)))
    assert place_relation(fa, fb, opts) == "same"
    resolved = [replace(p, lat=45.0, lon=-75.0, precision="neighbourhood") for p in guess]
    fa, fb = (features_of(n, replace(one(x, MARKET_A, 1), incident=replace(one(x, MARKET_A, 1).incident, place=p)),
                          opts) for n, (x, p) in enumerate(zip("ab", resolved)))
    assert place_relation(fa, fb, opts) is None  # resolved in two countries: apart


def test_same_name_in_another_province_is_not_the_same_place():
    opts = LinkOptions()
    elsewhere = replace(PLACES["mosul"], geonames_id=None, lat=None, lon=None, admin1="Somewhere Else")
    fa = features_of(0, one("a", MARKET_A, 1, place="mosul"), opts)
    fb = features_of(1, replace(one("b", MARKET_A, 1), incident=replace(one("b", MARKET_A, 1).incident,
                                                                         place=elsewhere)), opts)
    assert place_relation(fa, fb, opts) is None


@pytest.mark.parametrize("b_sentence, linked", [
    # the resolver put B in Kirkuk, but B's text names Bab al-Tob: compared, and linked
    ("A car bomb tore through the Bab al-Tob market in Mosul, killing 12 shoppers, officials in Kirkuk said.", True),
    # alike texts about a Kirkuk market: not compared, the places are apart and neither is named
    ("A car bomb tore through the main market in Kirkuk, killing 12 shoppers.", False),
])
def test_alike_texts_naming_the_other_place_are_compared_despite_the_resolver(b_sentence, linked):
    a = one("a", MARKET_A, 12, source="A", place="bab_al_tob")
    b = one("b", b_sentence, 12, source="B", place="kirkuk")
    result = link_incidents([a, b], options=LinkOptions(explain="all"))
    assert (len(result.incidents) == 1) is linked
    if linked:
        assert "places differ, one named in the other text" in result.pairs[0].reasons


def test_linking_is_deterministic_and_ids_come_from_the_earliest_article_incident():
    items = three_outlets(12, 12, 14) + [one("z", SNIPER, 1, text="an", group="security_forces", cause="sniper",
                                              place="zanjili", published=DAY - timedelta(days=1), day=DAY)]
    first = link_incidents(items)
    for seed in range(3):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        again = link_incidents(shuffled)
        assert again.incidents == first.incidents and again.members == first.members
    market = first.incident("tw/0")
    assert market is not None
    earliest = first.members[market.id][0]  # published first, then by article id
    assert earliest == "np/0"
    assert market.id == "L-" + hashlib.sha1(b"np/0").hexdigest()[:12] == linked_id("np/0")


def test_incremental_batch_links_to_stored_incidents_without_comparing_old_pairs():
    batch1 = three_outlets(12, 12, 14)[:2] + [one("z", SNIPER, 1, text="an", group="security_forces",
                                                   cause="sniper", place="zanjili")]
    batch2 = [three_outlets(12, 12, 14)[2], one("z2", SNIPER_B, 1, text="one", group="security_forces",
                                                 cause="sniper", place="zanjili", published=DAY + timedelta(days=1))]
    first = link_incidents(batch1)
    stored = [replace(it, linked=first.assignments[it.id]) for it in batch1]
    second = link_incidents(batch2, existing=stored)
    assert partition(second) == partition(link_incidents(batch1 + batch2))
    assert {inc.id for inc in second.incidents} == {inc.id for inc in first.incidents}  # stored ids kept
    old = {it.id for it in batch1}
    assert not any(p.a in old and p.b in old for p in second.pairs)  # old pairs are not compared again
    assert second.incident("rt/0").id == first.incident("tw/0").id


def test_stored_items_never_linked_are_linked_like_new_ones():
    a, b = three_outlets(12, 12, 14)[:2]
    result = link_incidents([], existing=[a, b])  # stored, but no linked id yet
    assert partition(result) == {frozenset({"tw/0", "np/0"})}


def test_an_article_read_again_replaces_its_stored_item():
    a, b = three_outlets(12, 12, 14)[:2]
    first = link_incidents([a, b])
    stored = [replace(it, linked=first.assignments[it.id]) for it in (a, b)]
    moved = one("np", "Gunmen killed 3 guards at a Kirkuk oil station.", 3, source="Nineveh Post", place="kirkuk",
                cause="gunfire")  # the same article id, now about something else
    result = link_incidents([moved], existing=stored)
    assert partition(result) == {frozenset({"tw/0"}), frozenset({"np/0"})}
    assert result.incident("np/0").place.name == "Kirkuk"


def test_a_new_article_bridging_two_stored_incidents_keeps_one_id_and_reports_the_other():
    a = one("a", MARKET_A, 12, source="A", place="bab_al_tob")
    b = one("b", MARKET_C, 12, text="between 12 and 14", source="B", place="bab_al_tob")
    stored = [replace(a, linked="L-aaaaaaaaaaaa"), replace(b, linked="L-bbbbbbbbbbbb")]
    bridge = one("c", MARKET_A + " " + MARKET_C, 12, source="C", place="bab_al_tob")
    result = link_incidents([bridge], existing=stored)
    (inc,) = result.incidents
    assert inc.id in ("L-aaaaaaaaaaaa", "L-bbbbbbbbbbbb")
    gone = ({"L-aaaaaaaaaaaa", "L-bbbbbbbbbbbb"} - {inc.id}).pop()
    assert result.replaced == {gone: inc.id}


def test_manual_merge_survives_a_rerun_and_a_new_batch():
    # Two reports a reviewer knows are one event, too far apart for automatic linking.
    a = one("a", MARKET_A, 12, source="A", place="bab_al_tob")
    b = one("b", "Officials later counted 12 dead from a bombing in Nineveh province.", 12, source="B",
            place="nineveh", day=DAY + timedelta(days=5), published=DAY + timedelta(days=5))
    first = link_incidents([a, b])
    assert len(first.incidents) == 2
    decisions = ManualDecisions()
    decisions.merge(first.incident("a/0"), first.incident("b/0"), created="2017-04-01T10:00:00")
    again = link_incidents([a, b], manual=decisions)
    (inc,) = again.incidents
    assert again.origin[inc.id] == "manual"
    stored = [replace(it, linked=again.assignments[it.id]) for it in (a, b)]
    later = one("c", MARKET_C, 12, text="between 12 and 14", source="C", place="bab_al_tob",
                published=DAY + timedelta(days=1))
    third = link_incidents([later], existing=stored, manual=ManualDecisions.from_records(decisions.to_records()))
    assert partition(third) == {frozenset({"a/0", "b/0", "c/0"})}


def test_manual_split_survives_a_rerun_and_a_new_batch():
    items = three_outlets(12, 12, 14)
    first = link_incidents(items)
    (inc,) = first.incidents
    decisions = ManualDecisions()
    decisions.split(inc, ["rt#0"], created="2017-04-02T09:00:00")
    again = link_incidents(items, manual=decisions)
    assert partition(again) == {frozenset({"tw/0", "np/0"}), frozenset({"rt/0"})}
    assert again.origin[again.assignments["rt/0"]] == "manual"
    assert again.origin[again.assignments["tw/0"]] == "linked"
    stored = [replace(it, linked=again.assignments[it.id]) for it in items]
    copy = one("rt2", MARKET_C, 12, low=12, high=14, text="between 12 and 14", source="Rafidain Radio",
               place="bab_al_tob", published=DAY + timedelta(days=1))
    third = link_incidents([copy], existing=stored, manual=decisions)
    assert frozenset({"rt/0"}) in partition(third)  # the split-off report stays alone
    assert not any({"rt/0", "tw/0"} <= set(m) for m in third.members.values())


@pytest.mark.parametrize("make, message", [
    (lambda d, inc: d.split(inc, ["nope#0"]), "report nope#0 is not in incident"),  # unknown report
    (lambda d, inc: d.split(inc, list(inc.reports)), "must leave reports on both sides"),  # nothing left
    (lambda d, inc: d.merge(inc), "at least two incidents"),  # merge of one
])
def test_bad_manual_decisions_are_refused(make, message):
    (inc,) = link_incidents(three_outlets(12, 12, 14)).incidents
    with pytest.raises(ManualDecisionError, match=message):
        make(ManualDecisions(), inc)


@pytest.mark.parametrize("explain, kept", [
    ("all", 6),  # every compared pair of the four
    ("near", 3),  # the market pairs; the sniper's are far below the threshold
    ("linked", 3),  # only those linked
])
def test_the_result_keeps_the_pair_decisions_asked_for(explain, kept):
    items = three_outlets(12, 12, 14) + [one("z", SNIPER, 1, text="an", group="security_forces", cause="sniper",
                                              place="zanjili")]
    assert len(link_incidents(items, options=LinkOptions(explain=explain)).pairs) == kept


def test_any_pair_can_be_explained_on_demand():
    items = three_outlets(12, 12, 14) + [one("z", SNIPER, 1, text="an", group="security_forces", cause="sniper",
                                              place="zanjili"),
                                          one("k", KIRKUK_MARKET, 12, source="K", place="kirkuk")]
    linked = explain_pair(items, "tw/0", "np/0")
    assert linked.accepted and "same spot" in linked.reasons and not linked.merged
    full = {(p.a, p.b): p for p in link_incidents(items, options=LinkOptions(explain="all")).pairs}
    assert full[("np/0", "tw/0")].score == pytest.approx(linked.score)  # the score a full run gives
    apart = explain_pair(items, "z/0", "tw/0")
    assert not apart.accepted and "cause differs" in apart.reasons
    assert explain_pair(items, "k/0", "tw/0").reasons == ("not compared: places incompatible",)
    with pytest.raises(ConfigError, match="no article incident 'x/9'"):
        explain_pair(items, "x/9", "tw/0")


def test_every_pair_decision_says_why():
    result = link_incidents(three_outlets(12, 12, 14))
    for p in result.pairs:
        assert p.reasons[0].startswith("text ")
        assert p.accepted == (p.score >= LinkOptions().threshold)
        assert p.to_dict()["reasons"] == list(p.reasons)


def test_link_options_come_from_the_run_options():
    assert LinkOptions.from_options(Options(extra={"link": {"threshold": 0.5}})).threshold == 0.5
    assert LinkOptions.from_options(None) == LinkOptions()
    with pytest.raises(ConfigError, match="unknown link option 'treshold'"):
        LinkOptions.from_options({"treshold": 0.5})
    with pytest.raises(ConfigError, match="lexical, embedding or both"):
        LinkOptions(similarity="tfidf")


def test_items_from_an_article_result():
    art = Article("a1", "text", title="T", published=DAY, source="Wire", copy_of=None)
    r0 = report("a1", 0, MARKET_A, 12, place="bab_al_tob")
    loose = replace(report("a1", 1, SNIPER, 1, cause="sniper"), incident=None)
    agg = replace(report("a1", 2, "At least 20 were killed across Iraq.", 20, scope="aggregate"), incident=None)
    inc = Incident("a1/0", r0.place, r0.date, "vbied", reports=("a1#0",))
    items = items_from_result(ArticleResult(art, (r0, loose, agg), (inc,)))
    assert [it.id for it in items] == ["a1/0", "a1/1r"]  # the loose report becomes its own item
    assert [r.id for r in items[1].reports] == ["a1#1"]
    assert all(it.source == "Wire" and it.published == DAY and it.article_id == "a1" for it in items)
