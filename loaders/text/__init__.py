"""Raw news text in, a draft in the native format out: ``diplograph annotate``.

The pipeline, one module a step:

* :mod:`~loaders.text.clean` checks the input (empty, HTML, not English) and reads the
  headline and dateline;
* :mod:`~loaders.text.mentions` finds officials with their titles, states,
  organisations and places (spaCy's rule matchers over the gazetteer), and links later
  mentions (surnames, titles alone, pronouns) to the person meant;
* :mod:`~loaders.text.relations` finds meetings, support and rejection from the trigger
  lexicons in ``data/`` (users add their own through ``annotate.lexicon_files``);
* :mod:`~loaders.text.dates` resolves "on Wednesday" against the publication date;
* :mod:`~loaders.text.draft` writes the native document.

Everything runs offline and deterministically: a blank English spaCy pipeline, no model.
:mod:`~loaders.text.evaluate` scores drafts against a gold set.
"""

from __future__ import annotations

from loaders.text.annotator import Annotator, Draft

__all__ = ["Annotator", "Draft"]
