import { execFile } from 'node:child_process';

/**
 * The PDF's text through pdf-parse v2, in a child process: pdf.js loads its worker with a dynamic
 * import, which jest's module sandbox refuses.
 */
const PDF_TEXT = `const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: Buffer.concat(chunks) });
  const { text } = await parser.getText();
  await parser.destroy();
  process.stdout.write(text);
});`;

export function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', PDF_TEXT], { cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin!.end(pdf);
  });
}
