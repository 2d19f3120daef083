import { Button } from '@codegouvfr/react-dsfr/Button';
import { download } from '../api';

/** A file the API serves for a view: what the button says, where it comes from, its type, a name if none is given. */
export interface DownloadFile {
  label: string;
  path: string;
  accept: string;
  name: string;
}

const FORMATS = [
  { format: 'pdf', label: 'PDF', accept: 'application/pdf' },
  {
    format: 'xlsx',
    label: 'Excel (XLSX)',
    accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  { format: 'csv', label: 'CSV', accept: 'text/csv' },
];

/** A view's PDF, XLSX and CSV: the same path with `format=`, saved under the server's name (else `<name>.<format>`). */
export function exportFiles(path: string, name: string): DownloadFile[] {
  const separator = path.includes('?') ? '&' : '?';
  return FORMATS.map((f) => ({
    label: f.label,
    path: `${path}${separator}format=${f.format}`,
    accept: f.accept,
    name: `${name}.${f.format}`,
  }));
}

/** One button per file, downloaded with the person's token; a refusal goes to `onError` in the API's words. */
export function DownloadButtons({ files, onError }: { files: DownloadFile[]; onError: (error: Error) => void }) {
  return (
    <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
      {files.map((file) => (
        <li key={file.label}>
          <Button
            priority="tertiary"
            iconId="fr-icon-download-line"
            onClick={() => void download(file.path, file.name, file.accept).catch(onError)}
          >
            {file.label}
          </Button>
        </li>
      ))}
    </ul>
  );
}
