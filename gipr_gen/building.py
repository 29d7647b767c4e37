"""``gipr-gen build`` for several files: check, refuse or force, render, write; one verdict per file."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .api import EXIT_OK, EXIT_REPORT, EXIT_USAGE, check_file
from .build import OutputError, TemplateError, render_all, write_atomically
from .messages import Lang, place, t
from .narrative import check_narratives



def build_files(files: tuple[Path, ...], out_dir: Path, formats: tuple[str, ...], template: Path | None,
                force: bool, pdf: bool, lang: Lang, echo: Callable[..., None]) -> int:
    """Build each file; return the exit code (the worst over all files)."""
    if pdf and "docx" not in formats:
        echo(t("build.pdf_needs_docx", lang), err=True)
        return EXIT_USAGE
    stems = [p.stem for p in files]
    clash = sorted({str(p) for p in files if stems.count(p.stem) > 1})
    if clash:  # a.yaml and b/a.yaml would write the same out/a.docx
        echo(t("build.same_name", lang, files=", ".join(clash)), err=True)
        return EXIT_USAGE
    code = EXIT_OK
    for path in files:
        code = max(code, _build_one(path, out_dir, formats, template, force, pdf, lang, echo))
    return code


def _build_one(path: Path, out_dir: Path, formats, template, force, pdf, lang: Lang, echo) -> int:
    try:
        checked = check_file(path, str(path))
    except FileNotFoundError:
        echo(f"{path}: {t('io.not_found', lang)}", err=True)
        return EXIT_USAGE
    except OSError as exc:
        echo(f"{path}: {t('io.unreadable', lang, reason=exc.strerror or exc)}", err=True)
        return EXIT_USAGE
    report = checked.report
    diags = list(checked.diagnostics)
    if report is not None and checked.well_formed:
        diags += check_narratives(report)
    for d in diags:
        echo(d.format(lang))
    errors = [d for d in diags if d.severity == "error"]
    if report is None or not checked.well_formed or any(d.rule == "N-03" for d in errors):
        echo(t("build.malformed", lang, file=path), err=True)
        return EXIT_REPORT
    if errors and not force:
        echo(t("build.refused", lang, file=path), err=True)
        return EXIT_REPORT
    try:
        outputs = render_all(report, formats, out_dir, path.stem, template)
        for out in outputs:
            write_atomically(out.path, out.data, protect=path)
            echo(t("build.wrote", lang, path=out.path), err=True)
        if pdf and "docx" in formats:
            from .pdf import to_pdf

            pdf_path = to_pdf(out_dir / f"{path.stem}.docx")
            echo(t("build.wrote", lang, path=pdf_path), err=True)
    except TemplateError as exc:
        for where, key, args in exc.problems:
            echo(f"{exc.template}: {place(where, lang)}{t(key, lang, **args)}", err=True)
        return EXIT_USAGE
    except OutputError as exc:
        echo(t(exc.key, lang, **exc.args_), err=True)
        return EXIT_USAGE
    if errors:
        echo(t("build.forced", lang, file=path), err=True)
        return EXIT_REPORT
    return EXIT_OK
