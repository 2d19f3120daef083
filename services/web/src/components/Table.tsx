import type { ReactNode } from 'react';

/** A DSFR table with its caption (every table says what it is) and right-aligned amounts. */
export function Table({
  caption,
  headers,
  rows,
  footer,
  amounts = [],
}: {
  caption: string;
  headers: ReactNode[];
  rows: ReactNode[][];
  footer?: ReactNode[];
  /** Column indexes holding amounts: aligned right, never wrapped. */
  amounts?: number[];
}) {
  const cell = (content: ReactNode, index: number) =>
    amounts.includes(index) ? (
      <span style={{ whiteSpace: 'nowrap', display: 'block', textAlign: 'right' }}>{content}</span>
    ) : (
      content
    );
  return (
    <div className="fr-table fr-table--bordered fr-mb-3w">
      <div className="fr-table__wrapper">
        {/* Scrollable on narrow screens: reachable by keyboard (tabIndex), and named for screen readers. */}
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={caption}>
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {headers.map((header, i) => (
                    <th key={i} scope="col">
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.length === 0 ? (
                  <tr>
                    <td colSpan={headers.length}>Aucune ligne.</td>
                  </tr>
                ) : (
                  rows.map((row, r) => (
                    <tr key={r}>
                      {row.map((content, i) => (
                        <td key={i}>{cell(content, i)}</td>
                      ))}
                    </tr>
                  ))
                )}
              </tbody>
              {footer && (
                <tfoot>
                  <tr>
                    {footer.map((content, i) => (
                      <th key={i} scope={i === 0 ? 'row' : undefined}>
                        {cell(content, i)}
                      </th>
                    ))}
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
