"""From a news report to draft incidents, each field tied to its evidence.

The pipeline, per article:

1. read the file (plain text, Markdown or HTML; size-capped), take the
   publication date from a leading ``date YYYY-MM-DD`` line, a dateline or
   the caller;
2. split into sentences with character offsets;
3. mark *event sentences*: a trigger word (patrol, intercept, ADIZ, …) that
   is not habitual background ("have carried out several patrols in the past");
4. group event sentences into incidents: a sentence with its own time anchor
   that differs from the current incident's ("Earlier this month, …") starts a
   new one; later sentences without one add detail to the first;
5. in those sentences find dates (relative ones resolved against the
   publication date), countries and their roles, assets, and place phrases
   (resolved with :func:`geo.geocode`).

Nothing is invented: a field with no support stays empty; where no date is
stated the publication date is used and the evidence says so.

One module per step, in pipeline order: :mod:`.article` (reading),
:mod:`.sentences`, :mod:`.events` (event sentences and their type),
:mod:`.grouping` (sentences into incidents), :mod:`.dates`, :mod:`.mentions`
(countries), :mod:`.roles` (actor or responder), :mod:`.places` and
:mod:`.assemble`, which runs them and is :func:`extract`.
"""

from incidents.extract.article import (
    MAX_ARTICLE_BYTES,
    Article,
    article_from_bytes,
    article_from_text,
    read_article,
)
from incidents.extract.assemble import MAX_INCIDENTS_PER_ARTICLE, extract

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_INCIDENTS_PER_ARTICLE",
    "Article",
    "article_from_bytes",
    "article_from_text",
    "extract",
    "read_article",
]
