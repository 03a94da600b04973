"""A page on another origin, opened in Chromium, cannot make the app change anything.

The attacker is a second HTTP server on another 127.0.0.1 port (a different origin, the
same site as far as cookies go); its pages send to the app what any web page can send
without asking: a form that submits itself, a text/plain form shaped like JSON, and a
no-cors fetch.  The app must refuse each (403) and write nothing beside the story.
"""
from __future__ import annotations

import json

import pytest

STORY = "Vela Orne loved Corin Dask.\n\n\"I love you, Corin,\" Vela said.\n"
RENAME = {"story": "s.txt", "action": "rename", "from": "Vela Orne", "to": "PWNED"}


def _inputs(fields: dict[str, str]) -> str:
    return "".join(f'<input name="{k}" value="{v}">' for k, v in fields.items())


def attacker_pages(app: str) -> dict[str, str]:
    text_plain_json = json.dumps(RENAME)[:-1] + ', "pad": "'  # name=value closes the JSON: '"}'
    fetch = json.dumps(RENAME)
    return {
        "/form": f"""<!doctype html><title>win a prize</title>
<form id="f" method="post" action="{app}/corrections">{_inputs(RENAME)}</form>
<script>document.getElementById("f").submit();</script>""",
        "/text-plain": f"""<!doctype html><title>win a prize</title>
<form id="f" method="post" enctype="text/plain" action="{app}/api/corrections">
<input name='{text_plain_json}' value='"}}'></form>
<script>document.getElementById("f").submit();</script>""",
        "/fetch": f"""<!doctype html><title>win a prize</title>
<script>
fetch("{app}/api/corrections", {{method: "POST", mode: "no-cors", headers: {{"content-type": "text/plain"}},
                                 body: {json.dumps(fetch)}}})
  .catch(function () {{}}).then(function () {{ document.title = "sent"; }});
</script>""",
        "/analyze": f"""<!doctype html><title>win a prize</title>
<form id="f" method="post" enctype="multipart/form-data" action="{app}/analyze">
<input name="text" value="Vela Orne hated everyone."></form>
<script>document.getElementById("f").submit();</script>""",
    }


@pytest.fixture(scope="module")
def app_and_folder(tmp_path_factory, serve_app):
    from heartline.web.app import create_app

    folder = tmp_path_factory.mktemp("stories")
    (folder / "s.txt").write_text(STORY, encoding="utf-8")
    app = create_app(stories=folder, allowed_hosts=["127.0.0.1", "localhost"])
    with serve_app(app) as url:
        yield url, folder, app


def _written(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "s.txt")


@pytest.mark.parametrize("attack", ["/form", "/text-plain", "/fetch", "/analyze"])
def test_a_page_on_another_origin_changes_nothing(app_and_folder, site_elsewhere, open_page, attack, screenshots):
    app, folder, asgi = app_and_folder
    with site_elsewhere(attacker_pages(app)) as evil:
        assert evil.split(":")[-1] != app.split(":")[-1]  # another port: another origin
        page, _ = open_page("")
        answers = []
        page.on("response", lambda r: answers.append((r.url, r.status)) if r.url.startswith(app) else None)
        page.goto(evil + attack)
        if attack == "/fetch":
            page.wait_for_function("document.title === 'sent'")
        else:
            page.wait_for_url(app + "/**")
            page.wait_for_load_state()
            assert "another site" in page.locator("body").inner_text()
        if attack == "/form":
            page.screenshot(path=str(screenshots / "app-cross-origin-refused.png"))
    # Chromium did send it, and the app said no.
    assert answers and all(status == 403 for _, status in answers), answers
    assert _written(folder) == []
    assert asgi.state.runner.counts() == {"queued": 0, "running": 0, "done": 0, "failed": 0}


def test_the_apps_own_form_still_records_a_correction(app_and_folder, open_page):
    app, folder, _ = app_and_folder
    page, watched = open_page(app + "/corrections")
    page.fill("#story", "s.txt")
    page.select_option("#action", "not_character")
    page.fill("#name", "Corin Dask")
    with page.expect_response(lambda r: r.url == app + "/corrections" and r.request.method == "POST") as answer:
        page.get_by_role("button", name="Record the correction").click()
    assert answer.value.status == 200
    assert "Recorded in s.txt.heartline.yaml" in page.locator("main").inner_text()
    sidecar = folder / "s.txt.heartline.yaml"
    assert sidecar.read_text(encoding="utf-8").endswith("- not_character: Corin Dask\n")
    sidecar.unlink()  # the other tests expect an untouched folder
    assert watched.errors == []
