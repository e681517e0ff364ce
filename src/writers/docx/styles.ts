/** The named styles and the bullet numbering of the Word rendition, so a reviewer restyles in one place. */
import { AlignmentType, LevelFormat, type INumberingOptions, type IStylesOptions } from "docx";

/** Font of every style; LibreOffice substitutes the metric-compatible Liberation Serif. */
export const BODY_FONT = "Times New Roman";

/** Point size of table text; the figure hang is measured at this size. */
export const TABLE_FONT_SIZE = 10;

/** Style ids the handlers apply, as literal names. */
export const StyleId = {
  normal: "Normal",
  title: "Title",
  heading1: "Heading1",
  heading2: "Heading2",
  exhibitLabel: "ExhibitLabel",
  dateline: "Dateline",
  listBullet: "ListBullet",
  tableTitle: "TableTitle",
  tableText: "TableText",
  tableHeading: "TableHeading",
  tableNote: "TableNote",
  contacts: "Contacts",
  header: "Header",
  footer: "Footer",
  draftMark: "DraftMark",
} as const;

/** Where contact lines start, right of "CONTACT:"; the Contacts style hangs its first line by as much. */
export const CONTACT_INDENT = 1080;

/** Numbering reference of the release's bullet lists. */
export const BULLET_NUMBERING = "release-bullets";

/** The paragraph and character styles of the release. */
export function createStyles(): IStylesOptions {
  const font = BODY_FONT;
  return {
    default: { document: { run: { font, size: 22 } } },
    paragraphStyles: [
      {
        id: StyleId.normal,
        name: "Normal",
        quickFormat: true,
        run: { font, size: 22 },
        paragraph: { spacing: { after: 120 }, indent: { firstLine: 360 } },
      },
      {
        id: StyleId.title,
        name: "Title",
        basedOn: StyleId.normal,
        next: StyleId.normal,
        quickFormat: true,
        run: { size: 28, bold: true },
        paragraph: {
          alignment: AlignmentType.CENTER,
          indent: { firstLine: 0 },
          spacing: { before: 120, after: 240 },
          keepNext: true,
        },
      },
      {
        id: StyleId.heading1,
        name: "heading 1",
        basedOn: StyleId.normal,
        next: StyleId.normal,
        quickFormat: true,
        run: { bold: true },
        paragraph: {
          indent: { firstLine: 0 },
          spacing: { before: 240, after: 120 },
          keepNext: true,
          keepLines: true,
          outlineLevel: 0,
        },
      },
      {
        id: StyleId.heading2,
        name: "heading 2",
        basedOn: StyleId.normal,
        next: StyleId.normal,
        quickFormat: true,
        run: { bold: true, size: 20 },
        paragraph: {
          indent: { firstLine: 0 },
          spacing: { before: 0, after: 0 },
          keepNext: true,
          keepLines: true,
          outlineLevel: 1,
        },
      },
      {
        id: StyleId.exhibitLabel,
        name: "Exhibit Label",
        basedOn: StyleId.normal,
        next: StyleId.title,
        run: { bold: true },
        paragraph: { indent: { firstLine: 0 }, keepNext: true },
      },
      {
        id: StyleId.listBullet,
        name: "List Bullet",
        basedOn: StyleId.normal,
        quickFormat: true,
        paragraph: { indent: { left: 720, hanging: 360 } },
      },
      {
        id: StyleId.tableTitle,
        name: "Table Title",
        basedOn: StyleId.normal,
        next: StyleId.tableTitle,
        run: { size: 20 },
        paragraph: { indent: { firstLine: 0 }, spacing: { after: 0 }, keepNext: true },
      },
      {
        id: StyleId.tableText,
        name: "Table Text",
        basedOn: StyleId.normal,
        quickFormat: true,
        run: { size: TABLE_FONT_SIZE * 2 },
        paragraph: { indent: { firstLine: 0 }, spacing: { before: 0, after: 0 } },
      },
      {
        id: StyleId.tableHeading,
        name: "Table Heading",
        basedOn: StyleId.tableText,
        paragraph: { alignment: AlignmentType.CENTER, keepNext: true },
      },
      {
        id: StyleId.tableNote,
        name: "Table Note",
        basedOn: StyleId.tableText,
        run: { size: 18 },
        paragraph: { spacing: { before: 60 } },
      },
      {
        id: StyleId.contacts,
        name: "Contacts",
        basedOn: StyleId.normal,
        paragraph: { indent: { left: CONTACT_INDENT, hanging: CONTACT_INDENT }, spacing: { after: 0 }, keepNext: true, keepLines: true },
      },
      {
        id: StyleId.header,
        name: "header",
        basedOn: StyleId.normal,
        run: { size: 16, color: "595959" },
        paragraph: { indent: { firstLine: 0 }, spacing: { after: 0 } },
      },
      {
        id: StyleId.footer,
        name: "footer",
        basedOn: StyleId.normal,
        run: { size: 16 },
        paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, spacing: { after: 0 } },
      },
    ],
    characterStyles: [
      {
        id: StyleId.dateline,
        name: "Dateline",
        basedOn: "DefaultParagraphFont",
        quickFormat: true,
        run: { bold: true },
      },
      {
        id: StyleId.draftMark,
        name: "Draft Mark",
        basedOn: "DefaultParagraphFont",
        run: { size: 28, bold: true, color: "808080" },
      },
    ],
  };
}

/** One bullet level with a dash, like the wire's "--", and a hanging indent. */
export function createNumbering(): INumberingOptions {
  return {
    config: [
      {
        reference: BULLET_NUMBERING,
        levels: [
          {
            level: 0,
            format: LevelFormat.BULLET,
            text: "\u2013",
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 720, hanging: 360 } } },
          },
        ],
      },
    ],
  };
}
