"""The clauses and verbs of a sentence (incidents/extract/clauses.py)."""

from __future__ import annotations

from incidents.extract.clauses import clauses, reciprocal_spans, verbs_of


def _kinds(text: str) -> list[tuple[str, str, bool]]:
    return [(text[s:e], kind, passive) for s, e, kind, passive in verbs_of(text)]


def test_a_clause_about_another_moment_weighs_less_unless_the_main_one_only_reacts():
    acting = clauses("China held drills a day after Taiwan's president returned from abroad.")
    assert [w for _, _, w, _ in acting] == [1.0, 0.3]
    reacting = clauses("Japan scrambled jets after Chinese bombers flew near Okinawa.")
    assert [w for _, _, w, _ in reacting] == [1.0, 1.0]


def test_what_led_up_to_a_collision_is_part_of_it():
    parts = clauses(
        "The jets collided near Karpathos after two Greek fighters intercepted two Turkish jets."
    )
    assert [(w, lead_up) for _, _, w, lead_up in parts] == [(1.0, False), (1.0, True)]


def test_verbs_carry_their_kind_and_voice():
    text = "Two Russian bombers were intercepted by RAF Typhoons and escorted away."
    assert ("intercepted", "responder", True) in _kinds(text)


def test_a_noun_and_a_modifier_are_not_verbs():
    assert _kinds("The patrol ended without incident.") == []
    text = "Italian F-35s flying NATO's mission intercepted them."
    assert [word for word, _, _ in _kinds(text)] == ["intercepted"]


def test_both_sides_of_a_collision_named_together_are_one_span():
    text = "A Greek F-16 and a Turkish F-16 went down after colliding over the Aegean."
    ((start, end),) = reciprocal_spans(text)
    assert text[start:end].startswith("A Greek F-16 and a Turkish F-16")
    text = "No one was hurt in the collision between a Turkish ship and a Greek warship."
    ((start, end),) = reciprocal_spans(text)
    assert "Turkish" in text[start:end] and "Greek" in text[start:end]
