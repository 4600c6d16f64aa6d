#!/usr/bin/env python3
"""Checks the bundled sample feed (public/feed.json) against the rules the front-end relies on.

Usage: python3 scripts/check-feed.py [path/to/seed-page.txt]
The seed page is the committed copy tests/fixtures/seed-article.txt; when the shared original
(../shared/seed/minh-long-article-page.txt) is present too, the copy must match it byte for byte.
"""
import html
import json
import re
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = ROOT / "public"
SEED_PAGE = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "fixtures" / "seed-article.txt"
SHARED_SEED = ROOT.parent / "shared" / "seed" / "minh-long-article-page.txt"
SEED_SLUG = "hoi-nghi-truc-bao-cong-tac-dan-van-quy-i-nam-2022"
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+07:00$")
SLUG_RE = re.compile(r"^[a-z0-9-]+$")


def seed_page():
    """Title and body paragraphs of the seed page: the paragraphs lie between the date/views line and the author line."""
    lines = SEED_PAGE.read_text(encoding="utf-8").split("\n")
    title = next(l for l in lines if l.startswith("Hội nghị trực báo công tác dân vận"))
    start = next(i for i, l in enumerate(lines) if re.match(r"^\d{2}/\d{2}/\d{4}\s+\d+\s*$", l))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].strip() == "Công Hoan")
    return title, [l for l in lines[start + 1:end] if l.strip()]


def public_file(url):
    # Relative to the feed (JSON Feed resolves relative URLs against the feed's own URL), so the
    # bundled data works under any sub-path.
    assert not url.startswith("/") and "://" not in url and ".." not in url.split("/"), f"attachment url must be feed-relative: {url}"
    path = PUBLIC / url
    assert path.is_file(), f"missing file under public/: {url}"
    return path


def main():
    if SHARED_SEED.is_file():
        assert SHARED_SEED.read_bytes() == SEED_PAGE.read_bytes(), f"{SEED_PAGE} differs from {SHARED_SEED}"
    feed = json.loads((PUBLIC / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1", feed.get("version")
    items = feed["items"]
    assert len(items) >= 16, f"only {len(items)} items"

    slugs = set()
    for item in items:
        for key in ("id", "title", "content_html", "date_published"):
            assert isinstance(item.get(key), str) and item[key], f"{item.get('id')}: missing {key}"
        assert DATE_RE.match(item["date_published"]), f"{item['id']}: bad date {item['date_published']}"
        datetime.fromisoformat(item["date_published"])  # also rejects impossible dates
        slug = item["_portal"]["slug"]
        assert SLUG_RE.match(slug), f"bad slug {slug!r}"
        assert slug not in slugs, f"duplicate slug {slug}"
        slugs.add(slug)
        for att in item.get("attachments", []):
            size = public_file(att["url"]).stat().st_size
            assert att["size_in_bytes"] == size, f"{att['url']}: size_in_bytes {att['size_in_bytes']} != {size}"
        if "image" in item:
            public_file(item["image"])

    seed = next((it for it in items if it["_portal"]["slug"] == SEED_SLUG), None)
    assert seed is not None, "seed item missing"
    title, paragraphs = seed_page()
    assert seed["title"] == title, "seed title differs from the seed page"
    html_paragraphs = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", seed["content_html"], re.S)]
    assert html_paragraphs == paragraphs, "seed content_html paragraphs differ from the seed page"
    assert seed["content_text"].split("\n\n") == paragraphs, "seed content_text differs from the seed page"

    n_att = sum(len(it.get("attachments", [])) for it in items)
    print(f"OK: {len(items)} items, {len(slugs)} unique slugs, {n_att} attachments verified, "
          f"seed item matches {len(paragraphs)} paragraphs of {SEED_PAGE.name}")


if __name__ == "__main__":
    main()
