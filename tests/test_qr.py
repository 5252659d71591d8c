import pytest

from cardgen.qr import qr_modules, start_second, video_link, watch_label


@pytest.mark.parametrize(
    "url, start, link",
    [
        ("https://www.youtube.com/watch?v=c5Kv6-fnTj8", 0, "https://youtu.be/c5Kv6-fnTj8"),
        ("https://youtu.be/SnNlrFcXjVU?si=jZTqNn0CksOiQkXD", 227, "https://youtu.be/SnNlrFcXjVU?t=227"),
        ("https://m.youtube.com/watch?v=GcZJhNi2yOM&feature=share&t=10", 488, "https://youtu.be/GcZJhNi2yOM?t=488"),
        ("https://www.youtube.com/shorts/abcdefghijk", 5, "https://youtu.be/abcdefghijk?t=5"),
        ("https://vimeo.com/76979871?utm_source=x", 30, "https://vimeo.com/76979871#t=30s"),
        ("https://example.org/demo.mp4?lang=en&utm_medium=mail", 12, "https://example.org/demo.mp4?lang=en&t=12"),
    ],
)
def test_shortest_link_that_opens_the_same_second(url, start, link):
    assert video_link(url, start) == link


def test_shorter_links_make_smaller_codes():
    long = "https://www.youtube.com/watch?v=SnNlrFcXjVU&si=jZTqNn0CksOiQkXD&t=227"
    assert qr_modules(video_link(long, 227)) < qr_modules(long)


@pytest.mark.parametrize(
    "url, second",
    [("https://youtu.be/x?t=227", 227), ("https://youtu.be/x?t=3m47s", 227), ("https://youtu.be/x", None)],
)
def test_start_second_read_from_the_address(url, second):
    assert start_second(url) == second


def test_watch_label():
    assert [watch_label(s) for s in (0, 227, 3723)] == ["0:00", "3:47", "1:02:03"]
