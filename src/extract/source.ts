// The document model extraction reads, whatever the file was: paragraphs and tables, each knowing where it is in
// the normalised text (the text the extractor reads, shown to a reviewer beside the duties).

/** A place in the normalised text: 1-based line, offsets [start, end) in UTF-16 code units. */
export interface SourceSpan {
  line: number;
  start: number;
  end: number;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  /** The paragraph's text in the source's own code points, white space collapsed. */
  raw: string;
  /** A heading marker the text does not carry (Word's automatic numbering, rebuilt: "I.", "1.", "a)"). */
  marker?: string;
  /** The whole paragraph is emphasised (bold or italic in Word, `**…**` in web-copied text): a heading's look. */
  emphasised?: boolean;
  span: SourceSpan;
  /** Offsets in the normalised text of each character of `raw`, so that a sentence can be located. */
  offsets?: number[];
}

export interface TableCell {
  text: string;
  /** Columns the cell spans (Word's gridSpan). */
  span: number;
  /** The cell continues the one above (Word's vMerge without "restart"): its text is the one above's. */
  mergedAbove?: boolean;
  source: SourceSpan;
}

export interface TableRow {
  cells: TableCell[];
  source: SourceSpan;
}

export interface TableBlock {
  kind: 'table';
  /** 1-based position among the document's tables. */
  index: number;
  rows: TableRow[];
  span: SourceSpan;
}

export type SourceBlock = ParagraphBlock | TableBlock;

export type SourceFormat = 'text' | 'web-text' | 'docx' | 'pdf' | 'ocr';

export interface SourceDocument {
  format: SourceFormat;
  /** The normalised text: every span points into it. */
  text: string;
  blocks: SourceBlock[];
  /** What the reader had to guess or leave out (e.g. pages capped, OCR used). */
  notes: string[];
}

/** Builds a normalised text line by line and hands out spans. */
export class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private lines = 0;

  /** Appends one line (without its line end); returns its line number and start offset. */
  addLine(text: string): { line: number; start: number } {
    const start = this.length;
    this.parts.push(text, '\n');
    this.length += text.length + 1;
    this.lines += 1;
    return { line: this.lines, start };
  }

  text(): string {
    return this.parts.join('');
  }
}
