"""The article's region (dateline, headline town, an agency's county, states the
text names) against far namesakes, and the country an outlet points to, on
sentences written for these tests."""

from __future__ import annotations

import pytest

try:
    from test_resolve_common import place_of
except ImportError:  # tests/ is a package
    from tests.test_resolve_common import place_of



_place = place_of


@pytest.mark.parametrize(
    "text,needle,title,admin1",
    [
        # a headline town of one reading makes the region: the index's only Howland (Maine) is no
        # place of a Youngstown story, the report falls back to the headline's town
        ("The victim was wounded in Howland on Friday, officers said.", "wounded",
         "Man wounded in Youngstown overnight", "Ohio"),
        # an agency's county of one state does too
        ("Trumbull County deputies said a woman was wounded in Howland late Friday.", "wounded", None, "Ohio"),
        # a surname after a cue is no far town when the headline names the town
        ("Neighbours said the teen was wounded at Williams on Saturday night.", "wounded",
         "Teen girl wounded in Youngstown", "Ohio"),
        # must not change: without any firm place there is no region, Howland stays in Maine
        ("The victim was wounded in Howland on Friday, officers said.", "wounded", None, "Maine"),
        # must not change: a city of 100,000+ may be named from anywhere
        ("The man had been wounded in Houston years ago, officers said.", "wounded",
         "Man wounded in Youngstown overnight", "Texas"),
        # must not change: the headline's own town written with a cue is where the story is,
        # whatever the outlet's state ("WAFB Baton Rouge" runs a Texas story)
        ("A boy was wounded on Friday night, police said.", "wounded",
         "Boy wounded in Lamesa - WAFB 9 News Baton Rouge, Louisiana News", "Texas"),
        # must not change: a state the text names holds a far town of that state
        ("The victim was wounded in Howland on Friday, Maine State Police said.", "wounded",
         "Man wounded in Youngstown overnight", "Maine"),
    ],
)
def test_far_namesakes_leave_the_region_and_what_it_keeps(gz, text, needle, title, admin1):
    place, rules = _place(gz, text, needle, title)
    assert place.admin1 == admin1, (place, rules)


@pytest.mark.parametrize(
    "text,needle,title,country",
    [
        # one town name abroad ("Possession", Réunion) yields to the outlet's country
        ("A man was wounded in Possession on Friday, officers said.", "wounded",
         "Man arrested - KFDA NewsChannel 10 / Amarillo News, Weather", "US"),
        # must not change: two towns of a country outweigh an outlet of another
        ("An airstrike killed 12 militants in Raqqa on Monday after they fled Tabqa.", "killed",
         "Strike kills 12 - CBS Boston", "SY"),
        # must not change: an outlet's word of another country is no reason to leave its own
        ("A boy was wounded at home in Elmwood Park on Saturday night.", "wounded",
         "Boy wounded - Central Texas News and Weather for Waco and Killeen", "US"),
    ],
)
def test_an_outlet_country_beats_one_lone_name(gz, text, needle, title, country):
    place, rules = _place(gz, text, needle, title)
    assert place.country == country, (place, rules)
