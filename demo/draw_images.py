"""Draw the demo pictures once, as small WebP files beside this script.

Run by hand after changing a drawing: `.venv/bin/python demo/draw_images.py`. The loader
only reads the files, so loading the demo needs no drawing. Each picture is simple shapes,
so the repository needs no photographs and each file stays a few kilobytes.

Each draw_<name>() paints images/<name>.webp (underscores become dashes), the file that
demo/content.yaml names under `images`.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = (1200, 675)
FOLDER = Path(__file__).resolve().parent / "images"


def draw_kvarken(draw, size):
    """The Kvarken strait: two shores, open water and wind turbines on the ridge."""
    width, height = size
    draw.rectangle([0, 0, width, height * 0.55], fill="#cfe6f1")
    draw.ellipse([width * 0.72, height * 0.08, width * 0.84, height * 0.29], fill="#f6d47a")
    draw.rectangle([0, height * 0.55, width, height], fill="#2f6f8f")
    for band in range(6):
        y = height * (0.62 + band * 0.06)
        draw.line([(width * 0.1, y), (width * 0.9, y)], fill="#4b8aa8", width=3)
    draw.polygon(
        [
            (0, height * 0.5),
            (width * 0.32, height * 0.44),
            (width * 0.4, height * 0.58),
            (0, height * 0.62),
        ],
        fill="#3f7d4e",
    )
    draw.polygon(
        [
            (width, height * 0.48),
            (width * 0.64, height * 0.46),
            (width * 0.58, height * 0.57),
            (width, height * 0.6),
        ],
        fill="#2f6b40",
    )
    for x, scale in ((0.1, 1.0), (0.2, 0.85), (0.3, 0.7), (0.75, 0.8), (0.88, 1.0)):
        base_x, base_y = width * x, height * 0.5
        top_y = base_y - height * 0.3 * scale
        draw.line([(base_x, base_y), (base_x, top_y)], fill="#f4f7f8", width=max(3, int(6 * scale)))
        for angle in (90, 210, 330):
            radians = math.radians(angle)
            length = height * 0.12 * scale
            tip = (base_x + length * math.cos(radians), top_y - length * math.sin(radians))
            draw.line([(base_x, top_y), tip], fill="#f4f7f8", width=max(2, int(5 * scale)))


def draw_fair(draw, size):
    """A fair hall: stands with coloured roofs and visitors between them."""
    width, height = size
    draw.rectangle([0, 0, width, height * 0.6], fill="#e8eef0")
    draw.rectangle([0, height * 0.6, width, height], fill="#b9c7cc")
    colours = ["#0b6b4f", "#0d4a6b", "#c8553d", "#2f6f8f", "#5c8a3a"]
    for number in range(5):
        left = width * (0.04 + number * 0.19)
        draw.rectangle([left, height * 0.32, left + width * 0.16, height * 0.62], fill="#ffffff")
        draw.rectangle(
            [left, height * 0.26, left + width * 0.16, height * 0.34], fill=colours[number]
        )
        draw.rectangle(
            [left + width * 0.02, height * 0.5, left + width * 0.14, height * 0.62],
            fill="#d9d2c5",
        )
    for number in range(14):
        x = width * (0.06 + (number * 0.071) % 0.9)
        y = height * (0.7 + (number % 3) * 0.08)
        draw.ellipse([x - 14, y - 60, x + 14, y - 32], fill="#3b3b3b")
        draw.rectangle([x - 16, y - 30, x + 16, y + 30], fill=colours[number % 5])


def draw_matchmaking(draw, size):
    """Round tables with two people each: companies meeting one to one."""
    width, height = size
    draw.rectangle([0, 0, width, height], fill="#f1ede4")
    for row in range(2):
        for column in range(4):
            cx = width * (0.14 + column * 0.24)
            cy = height * (0.32 + row * 0.4)
            draw.ellipse([cx - 70, cy - 40, cx + 70, cy + 40], fill="#8a6d4b")
            for side, colour in ((-1, "#0d4a6b"), (1, "#0b6b4f")):
                px = cx + side * 105
                draw.ellipse([px - 20, cy - 80, px + 20, cy - 40], fill="#4a3b30")
                draw.rectangle([px - 26, cy - 38, px + 26, cy + 40], fill=colour)


def draw_catalogue(draw, size):
    """An open company catalogue with a card per company."""
    width, height = size
    draw.rectangle([0, 0, width, height], fill="#dfe8e4")
    draw.rectangle([width * 0.1, height * 0.1, width * 0.9, height * 0.9], fill="#ffffff")
    draw.line([(width / 2, height * 0.1), (width / 2, height * 0.9)], fill="#9aa9a3", width=4)
    for page_left in (0.14, 0.54):
        for row in range(3):
            top = height * (0.16 + row * 0.24)
            left = width * page_left
            draw.rectangle([left, top, left + width * 0.08, top + height * 0.14], fill="#0b6b4f")
            for line in range(3):
                y = top + 12 + line * 26
                draw.line(
                    [(left + width * 0.1, y), (left + width * 0.3, y)], fill="#7b8a85", width=8
                )


def draw_network(draw, size):
    """Two coasts and five towns joined by lines across the water."""
    width, height = size
    draw.rectangle([0, 0, width, height], fill="#2f6f8f")
    draw.polygon(
        [
            (0, 0),
            (width * 0.38, 0),
            (width * 0.3, height * 0.5),
            (width * 0.36, height),
            (0, height),
        ],
        fill="#5c8a3a",
    )
    draw.polygon(
        [
            (width, 0),
            (width * 0.66, 0),
            (width * 0.72, height * 0.45),
            (width * 0.64, height),
            (width, height),
        ],
        fill="#4f7d33",
    )
    towns = [(0.24, 0.2), (0.22, 0.55), (0.26, 0.85), (0.8, 0.25), (0.78, 0.7)]
    points = [(width * x, height * y) for x, y in towns]
    for start in points[:3]:
        for end in points[3:]:
            draw.line([start, end], fill="#f6d47a", width=5)
    for x, y in points:
        draw.ellipse([x - 22, y - 22, x + 22, y + 22], fill="#ffffff", outline="#1b2a2f", width=5)


def draw_test_bed(draw, size):
    """A factory hall with solar panels, pipes and a small test rig in front."""
    width, height = size
    draw.rectangle([0, 0, width, height * 0.7], fill="#d6e6ee")
    draw.rectangle([0, height * 0.7, width, height], fill="#8c9a8f")
    draw.rectangle([width * 0.15, height * 0.35, width * 0.7, height * 0.72], fill="#c9ccc6")
    for number in range(6):
        left = width * (0.17 + number * 0.085)
        draw.polygon(
            [
                (left, height * 0.35),
                (left + width * 0.07, height * 0.35),
                (left + width * 0.05, height * 0.27),
                (left - width * 0.02, height * 0.27),
            ],
            fill="#1f3f66",
        )
    draw.rectangle([width * 0.74, height * 0.2, width * 0.79, height * 0.72], fill="#7a7f84")
    draw.line([(width * 0.7, height * 0.5), (width * 0.9, height * 0.5)], fill="#c8553d", width=14)
    draw.rectangle([width * 0.82, height * 0.56, width * 0.94, height * 0.72], fill="#0b6b4f")


def draw_grid(draw, size):
    """Power lines over a coast, with wind turbines and a power station."""
    width, height = size
    draw.rectangle([0, 0, width, height * 0.62], fill="#cfe6f1")
    draw.rectangle([0, height * 0.62, width, height], fill="#3f7d4e")
    draw.rectangle([0, height * 0.78, width, height], fill="#2f6f8f")
    masts = [width * x for x in (0.1, 0.35, 0.6, 0.85)]
    for x in masts:
        draw.line([(x, height * 0.62), (x, height * 0.22)], fill="#4a5a60", width=8)
        draw.line([(x - 50, height * 0.28), (x + 50, height * 0.28)], fill="#4a5a60", width=6)
    for left, right in zip(masts, masts[1:], strict=False):
        for offset in (-50, 50):
            draw.line(
                [(left + offset, height * 0.28), (right + offset, height * 0.28)],
                fill="#1b2a2f",
                width=3,
            )
    for x in (0.22, 0.47, 0.72):
        base_x, top_y = width * x, height * 0.36
        draw.line([(base_x, height * 0.62), (base_x, top_y)], fill="#f4f7f8", width=6)
        for angle in (90, 210, 330):
            radians = math.radians(angle)
            tip = (base_x + 60 * math.cos(radians), top_y - 60 * math.sin(radians))
            draw.line([(base_x, top_y), tip], fill="#f4f7f8", width=5)


def draw_innovation_site(draw, size):
    """Low houses with green roofs around a bright meeting place."""
    width, height = size
    draw.rectangle([0, 0, width, height], fill="#e9f1ec")
    draw.rectangle([0, height * 0.72, width, height], fill="#9bb59a")
    for number in range(6):
        left = width * (0.04 + number * 0.16)
        top = height * (0.42 + (number % 2) * 0.08)
        draw.rectangle([left, top, left + width * 0.13, height * 0.74], fill="#f7f3ea")
        draw.rectangle([left - 6, top - 18, left + width * 0.13 + 6, top], fill="#0b6b4f")
        for window in range(2):
            wx = left + width * (0.02 + window * 0.06)
            draw.rectangle([wx, top + 30, wx + width * 0.035, top + 80], fill="#0d4a6b")
    draw.ellipse(
        [width * 0.44, height * 0.08, width * 0.56, height * 0.3], fill="#f6d47a", outline="#c8553d"
    )


def _star(draw, centre, radius, fill):
    """A five-pointed star."""
    points = []
    for corner in range(10):
        angle = math.radians(-90 + corner * 36)
        length = radius if corner % 2 == 0 else radius * 0.4
        points.append((centre[0] + length * math.cos(angle), centre[1] + length * math.sin(angle)))
    draw.polygon(points, fill=fill)


def draw_showcase(draw, size):
    """Two shores of Kvarken joined across the water, under a ring of twelve stars."""
    width, height = size
    draw.rectangle([0, 0, width, height], fill="#1f4e8c")
    draw.rectangle([0, height * 0.58, width, height], fill="#2f6f8f")
    for band in range(5):
        y = height * (0.66 + band * 0.07)
        draw.line([(width * 0.15, y), (width * 0.85, y)], fill="#4b8aa8", width=3)
    draw.polygon(
        [
            (0, height * 0.55),
            (width * 0.3, height * 0.52),
            (width * 0.36, height * 0.66),
            (0, height * 0.7),
        ],
        fill="#3f7d4e",
    )
    draw.polygon(
        [
            (width, height * 0.53),
            (width * 0.68, height * 0.55),
            (width * 0.62, height * 0.67),
            (width, height * 0.72),
        ],
        fill="#2f6b40",
    )
    # the dashed line of cooperation across the strait
    y = height * 0.62
    for start in range(int(width * 0.34), int(width * 0.64), 30):
        draw.line([(start, y), (start + 16, y)], fill="#f6d47a", width=6)
    centre = (width / 2, height * 0.28)
    for star in range(12):
        angle = math.radians(star * 30)
        point = (
            centre[0] + height * 0.2 * math.cos(angle),
            centre[1] + height * 0.2 * math.sin(angle),
        )
        _star(draw, point, height * 0.03, "#ffcc00")


def draw_conference(draw, size):
    """A conference hall: a stage, a screen with two shores and a power line, an audience."""
    width, height = size
    draw.rectangle([0, 0, width, height], fill="#2b2f3a")
    draw.rectangle([0, height * 0.62, width, height], fill="#3a3f4c")
    draw.rectangle([width * 0.2, height * 0.08, width * 0.8, height * 0.5], fill="#cfe6f1")
    draw.rectangle([width * 0.2, height * 0.32, width * 0.8, height * 0.5], fill="#2f6f8f")
    draw.polygon(
        [
            (width * 0.2, height * 0.3),
            (width * 0.38, height * 0.28),
            (width * 0.42, height * 0.36),
            (width * 0.2, height * 0.4),
        ],
        fill="#3f7d4e",
    )
    draw.polygon(
        [
            (width * 0.8, height * 0.29),
            (width * 0.6, height * 0.28),
            (width * 0.57, height * 0.36),
            (width * 0.8, height * 0.41),
        ],
        fill="#2f6b40",
    )
    for x in (0.3, 0.5, 0.7):
        base = (width * x, height * 0.34)
        draw.line([base, (width * x, height * 0.16)], fill="#5a6470", width=5)
        draw.line(
            [(width * (x - 0.03), height * 0.19), (width * (x + 0.03), height * 0.19)],
            fill="#5a6470",
            width=4,
        )
    draw.line(
        [(width * 0.3, height * 0.19), (width * 0.5, height * 0.21), (width * 0.7, height * 0.19)],
        fill="#f6d47a",
        width=4,
    )
    draw.rectangle([width * 0.1, height * 0.55, width * 0.9, height * 0.62], fill="#0b6b4f")
    draw.rectangle([width * 0.47, height * 0.47, width * 0.53, height * 0.6], fill="#07503b")
    for row in range(3):
        for seat in range(12):
            x = width * (0.06 + seat * 0.08 + (row % 2) * 0.04)
            y = height * (0.72 + row * 0.09)
            draw.ellipse([x - 18, y - 18, x + 18, y + 18], fill="#8a94a6")
            draw.rectangle([x - 26, y + 14, x + 26, y + 40], fill="#5f6878")


def main():
    FOLDER.mkdir(exist_ok=True)
    for name, draw in sorted(globals().items()):
        if not name.startswith("draw_"):
            continue
        canvas = Image.new("RGB", SIZE, "#dcebf2")
        draw(ImageDraw.Draw(canvas), SIZE)
        path = FOLDER / (name.removeprefix("draw_").replace("_", "-") + ".webp")
        canvas.save(path, format="WEBP", quality=80, method=6)
        print(f"{path.name}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
