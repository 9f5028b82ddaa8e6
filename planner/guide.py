"""The back-care guide: posture, daily habits, pacing and when to see a clinician.

Plain data and a plain-text renderer, for ``workout guide`` and the app's Back-care screen.
Kept import-light (attrs and textwrap only) so the CLI prints it without loading TOML or Textual.
The words are written for a person with a sore back: what to do and why, never a diagnosis.
"""

from __future__ import annotations

import textwrap

import attrs

MIN_WIDTH = 20
"""The narrowest text the guide wraps to (a bullet's indent and a word or two must fit)."""

BULLET = "- "
"""A paragraph starting with this is a list item; its wrapped lines hang under its text."""

NICE_NG59 = (
    "National Institute for Health and Care Excellence. Low back pain and sciatica in "
    "over 16s: assessment and management (NICE guideline NG59). London: NICE; 2016, "
    "updated 2020."
)
"""The NICE guideline on low back pain and sciatica."""
WHO_2023 = (
    "World Health Organization. WHO guideline for non-surgical management of chronic "
    "primary low back pain in adults in primary and community care settings. Geneva: "
    "WHO; 2023."
)
"""The WHO's 2023 guideline on chronic primary low back pain."""
MCGILL_2015 = (
    "McGill S. Back Mechanic: the step-by-step McGill Method to fix back pain. "
    "Backfitpro Inc.; 2015."
)
"""Stuart McGill's book for people with back pain."""
NHS_BACK_PAIN = (
    "NHS. Back pain; Common posture mistakes and fixes; Safe lifting tips. "
    "Health A to Z and Live Well pages, nhs.uk."
)
"""The NHS's pages on back pain, posture and lifting."""
SILBERNAGEL_2007 = (
    "Silbernagel KG, Thomeé R, Eriksson BI, Karlsson J. Continued sports activity, using a "
    "pain-monitoring model, during rehabilitation in patients with Achilles tendinopathy: "
    "a randomized controlled study. Am J Sports Med. 2007;35(6):897-906."
)
"""The pain-monitoring model (pain up to 5/10, settled by the next morning)."""
LANCET_2018 = (
    "Lancet Low Back Pain Series Working Group: Hartvigsen J, et al. What low back pain is "
    "and why we need to pay attention; Foster NE, et al. Prevention and treatment of low "
    "back pain: evidence, challenges, and promising directions. Lancet. "
    "2018;391(10137):2356-2383."
)
"""The Lancet's 2018 series on low back pain."""


@attrs.frozen(slots=False)
class Section:
    """One topic of the guide (none may be left without a title, text or sources)."""

    key: str = attrs.field(validator=attrs.validators.min_len(1))
    """The short name ``workout guide KEY`` selects it by."""
    title: str = attrs.field(validator=attrs.validators.min_len(1))
    """Its heading."""
    paragraphs: tuple[str, ...] = attrs.field(validator=attrs.validators.min_len(1))
    """Its text, a paragraph each; one starting with ``BULLET`` is a list item."""
    sources: tuple[str, ...] = attrs.field(validator=attrs.validators.min_len(1))
    """The guidance it follows, as bibliographic references."""


SECTIONS: tuple[Section, ...] = (
    Section(
        key="why",
        title="Why moving helps",
        paragraphs=(
            "Most back pain is not a sign of serious damage, and most of it gets better. "
            "Staying active helps it settle sooner than resting in bed, and exercise is what "
            "the guidance recommends for nearly everyone with low back pain.",
            "Hurt is not the same as harm. A sensitive back can ache when you move it even "
            "though nothing is being injured. Gentle movement, done often, teaches it to "
            "cope with more, and stronger muscles around the spine share the load.",
            "So keep it gentle, regular and gradual: a little on most days, a bit more each "
            "week. Your plan is built the same way, one small step at a time.",
        ),
        sources=(NICE_NG59, WHO_2023, LANCET_2018),
    ),
    Section(
        key="sitting",
        title="Sitting and standing",
        paragraphs=(
            "Sit with your back supported, by the chair or a small cushion at the small of "
            "your back. Keep your feet flat on the floor and your hips a little higher than "
            "your knees. Let your shoulders relax, and raise the screen to eye level so you "
            "do not lean forward.",
            "No position is good for hours: the best posture is the next one. Change "
            "position often.",
            "Take a break from sitting every 30 to 45 minutes. Stand up, walk a few steps, "
            "stand tall and breathe, then sit again. Fetching water or taking a call on your "
            "feet counts.",
            "When you stand for a long time, shift your weight from foot to foot, rest one "
            "foot on a low step and swap now and then, and walk a few steps when you can.",
        ),
        sources=(NHS_BACK_PAIN, MCGILL_2015),
    ),
    Section(
        key="lifting",
        title="Lifting and the hip hinge",
        paragraphs=(
            "Most lifting is a hip hinge: bend at the hips, not the waist, with the knees "
            "a little bent. Your spine keeps its natural, neutral shape while the strong "
            "muscles of the hips and legs do the work.",
            "Stand close to the load, with it between or just in front of your feet. Brace "
            "gently, as if someone were about to poke your belly, and keep breathing. Hold "
            "the load close to your body and stand up by pushing through your feet and "
            "bringing your hips forward. Do not twist while you hold a load: turn with your "
            "feet.",
            "A drill to learn it: hold a broom handle along your back so it touches the back "
            "of your head, the space between your shoulder blades and your tailbone. Push "
            "your hips back and tip forward, keeping all three points of contact, until you "
            "feel a stretch behind your thighs; then stand tall. Do 5 to 10 slow repetitions "
            "once or twice a day.",
        ),
        sources=(MCGILL_2015, NHS_BACK_PAIN),
    ),
    Section(
        key="walking",
        title="Walking",
        paragraphs=(
            "Walking is one of the best things you can do for a sore back: it moves the "
            "spine gently, builds endurance and needs nothing but shoes.",
            "Walk every day. Start with what is comfortable, for example 10 minutes, even if "
            "that means two or three short walks. Add a few minutes each week. Stand tall, "
            "let your arms swing, and keep a pace at which you can still talk.",
            "If a walk stirs your back up, make the next one shorter rather than stopping, "
            "then build up again.",
        ),
        sources=(MCGILL_2015, WHO_2023, NHS_BACK_PAIN),
    ),
    Section(
        key="pacing",
        title="Pacing and pain",
        paragraphs=(
            "Do some activity on good days and on bad days. Doing a lot on a good day and "
            "then nothing for the next three (boom and bust) keeps a back sensitive. Aim for "
            "a steady amount and raise it a little at a time.",
            "Use pain as a guide, the way the pain-monitoring model does:",
            BULLET + "during exercise, pain up to about 5 out of 10 is acceptable;",
            BULLET + "it should settle by the next morning;",
            BULLET + "it should not creep up from one week to the next.",
            "If pain goes above 5, or your back is worse the next morning, ease off for a "
            "while: fewer repetitions, less load or a shorter walk. Then build up again. "
            "Logging your pain after each session shows you the pattern.",
        ),
        sources=(SILBERNAGEL_2007, NICE_NG59, WHO_2023),
    ),
    Section(
        key="clinician",
        title="When to see a clinician",
        paragraphs=(
            "This guide does not replace a doctor or physiotherapist. See one if you have:",
            BULLET + "new, severe or worsening pain, or pain that is no better after a few weeks;",
            BULLET + "pain after a fall or an injury;",
            BULLET + "pain spreading down a leg, especially below the knee;",
            BULLET + "numbness, tingling or weakness in a leg;",
            BULLET + "a fever, weight loss you cannot explain, or a history of cancer;",
            BULLET + "pain at night that does not ease when you rest or change position.",
            "Get help the same day, at urgent care or an emergency department, if you have "
            "numbness around your genitals or buttocks, or any change in bladder or bowel "
            "control, such as trouble passing urine or leaking. These are rare, but they "
            "need to be checked at once.",
            "Until you have been seen, stop the exercises that make it worse and pause your "
            "plan. Then come back to it step by step.",
        ),
        sources=(NHS_BACK_PAIN, NICE_NG59, LANCET_2018),
    ),
)
"""The guide, in reading order."""

SECTION_KEYS: tuple[str, ...] = tuple(section.key for section in SECTIONS)
"""The keys ``workout guide`` accepts, in reading order."""


def section_named(key: str) -> Section:
    """The section ``key`` names; a ValueError naming every known key otherwise."""
    for section in SECTIONS:
        if section.key == key:
            return section
    raise ValueError(f"no guide section {key!r}; choose one of: {', '.join(SECTION_KEYS)}")


def _check_width(width: int) -> None:
    if width < MIN_WIDTH:
        raise ValueError(f"the guide needs a width of at least {MIN_WIDTH} characters")


def _wrap(paragraph: str, width: int) -> list[str]:
    """One paragraph as lines; a list item's later lines hang under its text."""
    if paragraph.startswith(BULLET):
        return textwrap.wrap(paragraph, width, subsequent_indent=" " * len(BULLET))
    return textwrap.wrap(paragraph, width)


def section_body(section: Section, width: int = 80) -> str:
    """A section's paragraphs and sources, wrapped to ``width`` (its title is left out,
    for a screen that shows the title on its own)."""
    _check_width(width)
    lines: list[str] = []
    previous_was_item = False
    for paragraph in section.paragraphs:
        is_item = paragraph.startswith(BULLET)
        # List items follow each other line by line; everything else is a paragraph apart.
        if lines and not (is_item and previous_was_item):
            lines.append("")
        lines += _wrap(paragraph, width)
        previous_was_item = is_item
    lines += ["", "Sources:"]
    for source in section.sources:
        lines += _wrap(BULLET + source, width)
    return "\n".join(lines)


def section_text(section: Section, width: int = 80) -> str:
    """A section as it reads on its own: its title underlined, then its body."""
    _check_width(width)
    title = textwrap.wrap(section.title, width)
    underline = "=" * max(len(line) for line in title)
    return "\n".join([*title, underline, "", section_body(section, width)])


def guide_text(width: int = 80, section: str | None = None) -> str:
    """The whole guide (or the one section keyed ``section``) as plain text, no line longer
    than ``width``. A ValueError names the known keys when ``section`` is not one of them."""
    chosen = SECTIONS if section is None else (section_named(section),)
    return "\n\n\n".join(section_text(part, width) for part in chosen) + "\n"
