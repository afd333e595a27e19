"""Catalogue mode of ``themes_eval.py``: catalogue-first placement scored against labels.

For each label of the file the catalogue has one entry (matched by title, or by
id). Prints, all in the same run:

- Engage's accuracy and macro-F1 of ``theme_id`` against the label (answers sent
  to discovered themes, non-answers included, count as wrong), the share sent
  to discovered themes, and the same scores when discovered themes marked
  "close to" a catalogue theme are taken as part of it;
- two baselines that place every answer at its nearest catalogue entry
  ("title. description"): by TF-IDF cosine, and by the same sentence embeddings;
- the gain with 5 labelled examples per theme drawn from the file, scored on the
  other answers against the descriptions-only run on the same answers;
- leave-topics-out: the labels are removed from the catalogue two at a time
  (each label once); the share of their answers that lands in discovered themes
  rather than in a wrong catalogue theme, and the accuracy on the other labels.
"""

import random
import re

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.preprocessing import normalize

from analysis import Catalogue, NON_ANSWER, load_catalogue
from analysis.embed import embed_sentences
from analysis.prepare import normalise, text_key


def label_ids(catalogue, labels):
    """Return the catalogue id of each label (by title, then by id), or exit with a message."""
    by_title = {theme.title.casefold(): theme.id for theme in catalogue}
    ids = {theme.id for theme in catalogue}
    mapping = {}
    for label in sorted(set(labels)):
        slug = re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")
        mapping[label] = by_title.get(label.casefold()) or (slug if slug in ids else None)
    missing = [label for label, key in mapping.items() if key is None]
    if missing:
        raise SystemExit(f"labels without a catalogue entry: {', '.join(missing)}")
    return np.array([mapping[label] for label in labels], dtype=object)


def scores(predicted, truth, mask=None):
    """Return ``(accuracy, macro-F1)`` over the answers in ``mask`` (all by default)."""
    if mask is not None:
        predicted, truth = predicted[mask], truth[mask]
    classes = sorted(set(truth.tolist()))
    return (float(np.mean(predicted == truth)),
            float(f1_score(truth.tolist(), predicted.tolist(), labels=classes, average="macro",
                           zero_division=0)))


def is_discovered(ids):
    """Return which theme ids are discovered themes or unassigned."""
    return np.array([i.startswith("new-") or i == "unassigned" for i in ids])


def merged_close(model):
    """Return the theme ids with discovered themes marked "close to" read as that theme."""
    close = {t.id: t.close_to for t in model.themes_ if t.close_to}
    return np.array([close.get(i, i) for i in model.labels_], dtype=object)


def baselines(texts, catalogue, cache_dir):
    """Return ``{name: predicted ids}``: nearest entry by TF-IDF and by sentence embeddings."""
    ids = np.array([theme.id for theme in catalogue], dtype=object)
    described = [f"{theme.title}. {theme.description}" for theme in catalogue]
    tfidf = TfidfVectorizer().fit(texts + described)
    similarity = normalize(tfidf.transform(texts)) @ normalize(tfidf.transform(described)).T
    result = {"nearest entry, TF-IDF": ids[np.asarray(similarity.argmax(axis=1)).ravel()]}
    normalised = [normalise(text) for text in texts + described]
    X = embed_sentences(normalised, [text_key(t) for t in normalised], cache_dir)
    answers, entries = X[:len(texts)], X[len(texts):]
    result["nearest entry, embeddings"] = ids[np.argmax(answers @ entries.T, axis=1)]
    return result


def line(name, predicted, truth, mask=None):
    accuracy, f1 = scores(predicted, truth, mask)
    chosen = predicted if mask is None else predicted[mask]
    return (f"{name:<36} accuracy {accuracy:.3f}  macro-F1 {f1:.3f}  "
            f"discovered {np.mean(is_discovered(chosen)):.1%}  "
            f"non-answers {np.mean(chosen == NON_ANSWER):.1%}")


def run(texts, labels, languages, catalogue_path, make_model, seed, cache_dir):
    """Print the catalogue-mode figures (see the module docstring)."""
    catalogue = load_catalogue(catalogue_path)
    truth = label_ids(catalogue, labels)
    print(f"catalogue {catalogue_path}: {len(catalogue)} entries")
    for name, predicted in baselines(texts, catalogue, cache_dir).items():
        print(line(f"baseline: {name}", predicted, truth))
    model = make_model(catalogue).fit(texts, languages=languages)
    print(line("Engage, descriptions only", model.labels_, truth))
    print(line("  with close-to themes merged", merged_close(model), truth))
    summary = model.placement_summary()
    print(f"  placed in the catalogue {summary['share_placed']:.1%}; reasons "
          + ", ".join(f"{k} {v}" for k, v in summary["reasons"].items()))
    print(f"  themes: {sum(t.size > 0 for t in model.themes_)} with answers, "
          f"{sum(t.source == 'discovered' for t in model.themes_)} discovered")

    rng = random.Random(seed)
    examples, used = {}, set()
    for key in sorted(set(truth.tolist())):
        rows = sorted(rng.sample(list(np.flatnonzero(truth == key)), 5))
        used.update(rows)
        examples[key] = [texts[i] for i in rows]
    rest = np.array([i not in used for i in range(len(texts))])
    taught = make_model(catalogue.with_examples(examples)).fit(texts, languages=languages)
    before, _ = scores(model.labels_, truth, rest)
    after, f1 = scores(taught.labels_, truth, rest)
    print(line("Engage, 5 examples per theme (rest)", taught.labels_, truth, rest))
    print(f"  gain over descriptions only on the same answers: {100 * (after - before):+.1f} "
          f"points ({before:.3f} -> {after:.3f})")

    keys = [theme.id for theme in catalogue]
    to_discovered, kept_accuracy, full_accuracy = [], [], []
    for start in range(0, len(keys), 2):
        out = keys[start:start + 2] if start + 2 <= len(keys) else [keys[-2], keys[-1]]
        reduced = Catalogue(catalogue.name, tuple(t for t in catalogue if t.id not in out))
        fitted = make_model(reduced).fit(texts, languages=languages)
        left = np.isin(truth, out)
        to_discovered.append(float(np.mean(is_discovered(fitted.labels_[left]))))
        kept_accuracy.append(scores(fitted.labels_, truth, ~left)[0])
        full_accuracy.append(scores(model.labels_, truth, ~left)[0])
        print(f"  leave out {' + '.join(out):<40} to discovered {to_discovered[-1]:.1%}  "
              f"accuracy on the others {kept_accuracy[-1]:.3f} (full catalogue "
              f"{full_accuracy[-1]:.3f})")
    print(f"leave-topics-out: {np.mean(to_discovered):.1%} of the left-out answers in discovered "
          f"themes (min {min(to_discovered):.1%}); accuracy on the other labels "
          f"{np.mean(kept_accuracy):.3f} vs {np.mean(full_accuracy):.3f} with the full catalogue")
