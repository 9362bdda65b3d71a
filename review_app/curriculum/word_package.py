"""The parts of a Word package every document we write gets right: text that XML can
hold, settings in the schema's order, and core properties that say who made it and when
(python-docx's template would say "python-docx", 2013)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

PROGRAMME = "NHS Management and Leadership Framework"
# Characters XML 1.0 cannot hold (lxml refuses them): a stray one pasted from Word must not
# stop a document being written. Word's manual line break (\x0b) and page break (\x0c)
# read as a space.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _replacement(match: re.Match) -> str:
    return " " if match.group() in "\x0b\x0c" else ""


def xml_safe(text: str) -> str:
    """`text` with every character XML cannot hold removed (breaks become spaces)."""
    return _NOT_XML.sub(_replacement, text) if _NOT_XML.search(text) else text


# The order w:settings children must follow (ECMA-376 CT_Settings).
SETTINGS_ORDER = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate "
    "linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge revisionView "
    "trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride "
    "styleLockTheme styleLockQFSet defaultTabStop autoHyphenation consecutiveHyphenLimit "
    "hyphenationZone doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle "
    "defaultTableStyle evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting "
    "bookFoldPrintingSheets drawingGridHorizontalSpacing drawingGridVerticalSpacing "
    "displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
    "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin "
    "doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
    "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture "
    "doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText "
    "doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
    "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat "
    "docVars rsids mathPr attachedSchema themeFontLang clrSchemeMapping "
    "doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions "
    "readModeInkLockDown smartTagType schemaLibrary shapeDefaults doNotEmbedSmartTags "
    "decimalSymbol listSeparator"
).split()
_RANK = {name: i for i, name in enumerate(SETTINGS_ORDER)}


def _local(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def set_setting(document: Document, name: str, value: str | None = None) -> None:
    """Put `w:<name>` (with w:val) into settings.xml at its place in the schema's sequence,
    replacing one already there."""
    settings = document.settings.element
    for old in settings.findall(qn(f"w:{name}")):
        settings.remove(old)
    element = OxmlElement(f"w:{name}")
    if value is not None:
        element.set(qn("w:val"), value)
    rank = _RANK[name]
    later = next((child for child in settings
                  if _RANK.get(_local(child), -1) > rank), None)
    if later is None:
        settings.append(element)
    else:
        later.addprevious(element)


def stamp(document: Document, title: str, subject: str, author: str,
          keywords: str = "", now: datetime | None = None) -> None:
    """Core properties naming the document, the programme and who exported it, now."""
    moment = (now or datetime.now(UTC)).replace(microsecond=0, tzinfo=None)
    properties = document.core_properties
    properties.title = xml_safe(title)
    properties.subject = xml_safe(subject)
    properties.author = properties.last_modified_by = xml_safe(author)
    properties.category = PROGRAMME
    properties.keywords = xml_safe(keywords)
    properties.comments = ""
    properties.language = "en-GB"
    properties.created = properties.modified = moment
    properties.revision = 1


def set_language(document: Document, language: str = "en-GB", font: str = "Arial") -> None:
    """UK English for the spelling checker (the theme's language and the default run's),
    and one named font for every run that names none: the template's theme fonts (Calibri,
    Cambria) are absent from servers, which substituted two other families in the PDF."""
    set_setting(document, "themeFontLang", language)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = r_pr.find(qn("w:rFonts"))
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for name in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{name}"), font)
    for each in document.styles.element.iter(qn("w:rFonts")):  # a theme font wins in Word
        for name in [n for n in each.attrib if n.lower().endswith("theme")]:
            del each.attrib[name]
    lang = r_pr.find(qn("w:lang"))
    if lang is None:  # the template has one, in its place in the sequence
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), language)
