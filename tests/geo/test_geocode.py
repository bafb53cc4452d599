"""Place phrases as reports write them, resolved offline."""

from __future__ import annotations

import pytest
from pyproj import Geod
from shapely.geometry import Point

from geo.antimeridian import normalize, unwrap
from geo.gazetteer import area_km2
from geo.geocode import geocode

GEOD = Geod(ellps="WGS84")


def first(phrase, gazetteer):
    found = geocode(phrase, gazetteer=gazetteer)
    assert found, f"{phrase!r} found nothing"
    return found[0]


@pytest.mark.parametrize(
    ("phrase", "name", "precision"),
    [
        ("north Pacific", "North Pacific Ocean", "region"),
        ("the northern Pacific", "North Pacific Ocean", "region"),
        ("Bering Sea", "Bering Sea", "region"),
        ("the Taiwan Strait", "Taiwan Strait", "region"),
        ("Alaska ADIZ", "Alaska ADIZ", "region"),
        ("East Sea", "Sea of Japan", "region"),
        ("Bohai", "Bohai Sea", "region"),
        ("Tsushima Strait", "Korea Strait", "region"),
        ("Soya Strait", "La Pérouse Strait", "region"),
        ("Bashi Channel", "Bashi Channel", "region"),
        ("Sōya Strait", "La Pérouse Strait", "region"),
        ("Russia", "Russia", "country"),
        ("Scarborough Shoal", "Scarborough Shoal", "place"),
    ],
)
def test_names_and_aliases_resolve(gazetteer, phrase, name, precision):
    match = first(phrase, gazetteer)
    assert (match.name, match.precision, match.score) == (name, precision, 1.0)


def test_misspelt_name_resolves_with_a_lower_score(gazetteer):
    match = first("Berring Sea", gazetteer)
    assert match.name == "Bering Sea"
    assert 0.7 < match.score < 1.0


def test_near_the_coast_of_alaska_is_a_band_at_sea_along_alaska(gazetteer):
    match = first("near the coast of Alaska", gazetteer)
    assert match.kind == "coastal_band"
    band = match.geometry
    assert band.contains(Point(-166.5, 61.0))  # off the Yukon delta, Bering Sea
    assert not band.contains(Point(-150.0, 64.0))  # inland Alaska
    assert not band.contains(Point(-160.0, 45.0))  # far out in the Pacific
    assert band.is_valid


def test_bering_sea_near_the_coast_of_alaska_is_the_eastern_bering_sea(gazetteer):
    match = first("the Bering Sea near the coast of Alaska", gazetteer)
    assert match.geometry.contains(Point(-166.5, 61.0))
    assert not match.geometry.contains(Point(177.0, 62.0))  # Gulf of Anadyr, Russian side
    assert not match.geometry.contains(Point(-145.0, 59.0))  # Gulf of Alaska is not Bering Sea


def test_distance_and_bearing_from_an_island_gives_a_point(gazetteer):
    match = first("about 100 km northwest of Sado Island", gazetteer)
    assert match.precision == "point"
    lon, lat = match.geometry.x, match.geometry.y
    az, _, dist = GEOD.inv(138.4, 38.05, lon, lat)
    assert 95_000 < dist < 115_000
    assert -60 < az < -30  # northwest
    water = [f.name for f in gazetteer.where(lon, lat)]
    assert "Sea of Japan" in water


def test_nautical_miles_are_converted(gazetteer):
    match = first("50 nautical miles east of Okinawa", gazetteer)
    _, _, dist = GEOD.inv(127.9, 26.5, match.geometry.x, match.geometry.y)
    assert 85_000 < dist < 100_000


def test_a_distance_off_a_port_without_bearing_gives_the_sea_off_it(gazetteer):
    match = first("60 nautical miles off the coast of Hodeidah", gazetteer)
    assert (match.name, match.precision) == ("Red Sea", "region")
    assert "no bearing" in match.note
    assert first(
        "65 nautical miles (75 miles) off the Yemeni city of Al Hudaydah", gazetteer
    ).name == ("Red Sea")
    assert first("100 km off Aden", gazetteer).name == "Gulf of Aden"


def test_a_distance_off_a_place_between_two_seas_is_left_unplaced(gazetteer):
    # Palawan has the South China Sea to the west and the Sulu Sea to the east.
    assert geocode("105 nautical miles off Palawan", gazetteer=gazetteer, fuzzy=False) == []


def test_a_city_spelling_news_reports_use_finds_the_city(gazetteer):
    (city,) = [f for f in gazetteer.lookup("Hodeidah") if f.kind == "city"]
    assert city.country == "YE"


def test_between_two_islands_gives_the_strait_joining_them(gazetteer):
    assert first("between Okinawa and Miyako", gazetteer).name == "Miyako Strait"
    assert first("between Hokkaido and Sakhalin", gazetteer).name == "La Pérouse Strait"


def test_between_places_without_a_strait_gives_the_waters_between(gazetteer):
    match = first("between Guam and Iwo Jima", gazetteer)
    assert match.kind == "gap"
    assert not match.geometry.is_empty


def test_international_airspace_removes_territorial_seas(gazetteer):
    sea = first("Sea of Japan", gazetteer).geometry
    intl = first("the Sea of Japan in international airspace", gazetteer).geometry
    assert intl.area < sea.area
    assert sea.contains(Point(138.62, 38.1))  # about 9 km off Sado Island: territorial sea
    assert not intl.contains(Point(138.62, 38.1))
    assert intl.contains(Point(135.0, 40.0))


@pytest.mark.parametrize(
    ("phrase", "inside", "outside"),
    [
        ("northern South China Sea", (115.0, 19.0), (112.0, 8.0)),
        ("southern Sea of Japan", (131.0, 36.5), (138.0, 45.0)),
        ("western Black Sea", (30.0, 43.0), (40.0, 42.0)),
    ],
)
def test_part_of_a_region(gazetteer, phrase, inside, outside):
    match = first(phrase, gazetteer)
    assert match.kind == "part"
    assert match.geometry.contains(Point(inside))
    assert not match.geometry.contains(Point(outside))


@pytest.mark.parametrize(
    ("phrase", "zone"),
    [
        ("South Korea's air defense identification zone", "Korea ADIZ"),
        ("Taiwan's air defense identification zone (ADIZ)", "Taiwan ADIZ"),
        ("Japan's ADIZ", "Japan ADIZ"),
    ],
)
def test_a_countrys_air_defense_zone_is_the_zone_it_declared(gazetteer, phrase, zone):
    assert first(phrase, gazetteer).name == zone


def test_a_part_of_a_town_is_never_an_empty_shape(gazetteer):
    # "southern Africa" once read as the southern half of a point (a town
    # whose old name is Africa) and crashed extraction of a real report.
    for match in geocode("southern Africa", gazetteer=gazetteer, fuzzy=False):
        assert not match.geometry.is_empty, match.name


def test_without_cities_a_town_is_no_answer_but_still_an_anchor(gazetteer):
    assert [m.kind for m in geocode("Kushiro", gazetteer=gazetteer)][:1] == ["city"]
    assert geocode("Kushiro", gazetteer=gazetteer, cities=False) == []
    (point,) = geocode("60 km east of Kushiro", gazetteer=gazetteer, cities=False)[:1]
    assert point.kind == "point" and 144.9 < point.geometry.x < 145.3


def test_northern_and_western_pacific_is_the_northwest_pacific_not_half_an_ocean(gazetteer):
    match = first("the northern and western Pacific Ocean", gazetteer)
    assert match.name == "Northwest Pacific"
    assert "FAO Major Fishing Area 61" in match.provenance
    for inside in [(150.0, 30.0), (170.0, 50.0), (135.0, 40.0), (-176.0, 58.0)]:
        assert match.geometry.contains(Point(inside)), inside
    # Not the south-west (Tasman Sea) nor the north-east (Gulf of Alaska) Pacific.
    for outside in [(150.0, -20.0), (160.0, 10.0), (-140.0, 30.0), (-150.0, 57.0)]:
        assert not match.geometry.contains(Point(outside)), outside
    assert 15e6 < area_km2(match.geometry) < 30e6


def test_western_pacific_takes_in_the_philippine_sea_and_guam(gazetteer):
    match = first("the western Pacific", gazetteer)
    assert match.name == "Western Pacific"
    assert match.geometry.contains(Point(145.0, 12.0))  # off Guam
    assert match.geometry.contains(Point(130.0, 20.0))  # Philippine Sea
    assert not match.geometry.contains(Point(-140.0, 20.0))


@pytest.mark.parametrize("phrase", ["the waters around Japan", "waters surrounding Japan"])
def test_waters_around_a_country_are_its_coastal_band(gazetteer, phrase):
    match = first(phrase, gazetteer)
    assert match.kind == "coastal_band"
    assert match.geometry.contains(Point(138.0, 33.5))  # off Honshu's Pacific coast
    assert not match.geometry.contains(Point(139.7, 35.7))  # Tokyo, on land
    assert not match.geometry.contains(Point(150.0, 30.0))  # open ocean


@pytest.mark.parametrize(
    "phrase",
    [
        "",
        "   ",
        "xyzzy plugh",
        "a" * 10_000,
        "<script>alert(1)</script>",
        "in international airspace",
        "<b>",
        "\x00\x01",
        "🙂",
    ],
)
def test_unknown_and_hostile_input_returns_nothing_without_error(gazetteer, phrase):
    assert geocode(phrase, gazetteer=gazetteer) == []


def test_html_around_a_name_is_stripped(gazetteer):
    assert first("<em>Bering&nbsp;Sea</em>", gazetteer).name == "Bering Sea"


def test_antimeridian_regions_unwrap_into_one_piece(gazetteer):
    sea = gazetteer.by_name("Bering Sea").geometry
    flat = unwrap(sea)
    minx, _, maxx, _ = flat.bounds
    assert maxx - minx < 45  # one continuous sea, about 162E..202E
    assert normalize(flat).symmetric_difference(sea).area < 1e-6


def test_alaska_adiz_contains_points_on_both_sides_of_180(gazetteer):
    zone = gazetteer.by_name("Alaska ADIZ").geometry
    assert zone.contains(Point(-175.0, 60.0))
    assert zone.contains(Point(175.0, 52.5))
    assert not zone.contains(Point(165.0, 55.0))


def test_geojson_output_has_the_documented_properties(gazetteer):
    props = first("Bering Sea", gazetteer).to_geojson()["properties"]
    assert {"name", "kind", "precision", "score", "provenance"} <= set(props)
