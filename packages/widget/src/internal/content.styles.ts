import {css} from 'lit'

/**
 * Styles of rendered runbook Markdown (`renderMdast`): text, lists, tables, code, callouts.
 *
 * A code block has a header row (the language on the left, Copy on the right) above the code, so
 * neither covers the other. (Comments stay out of the CSS text itself: it ships to every browser.)
 */
export const contentStyles = css`
  .content {
    overflow-wrap: anywhere;
  }

  .content > :first-child {
    margin-top: 0;
  }

  .content p,
  .content ul,
  .content ol,
  .content blockquote,
  .content .code,
  .content .table-wrap,
  .content .callout {
    margin: 0 0 0.85em;
  }

  .content h4,
  .content h5,
  .content h6 {
    margin: 1.2em 0 0.4em;
    font-size: 1em;
    line-height: 1.3;
  }

  .content ul,
  .content ol {
    padding-left: 1.4em;
  }

  .content li + li {
    margin-top: 0.25em;
  }

  .content li.task {
    list-style: none;
    margin-left: -1.4em;
  }

  .content li.task label {
    display: flex;
    gap: 0.6em;
    align-items: flex-start;
    padding: 0.35em 0.5em;
    border-radius: var(--_rk-radius-small);
    cursor: pointer;
  }

  .content li.task label:hover {
    background: var(--_rk-color-surface);
  }

  .content li.task input {
    width: 1.1em;
    height: 1.1em;
    margin: 0.2em 0 0;
    accent-color: var(--_rk-color-accent);
    flex: none;
  }

  .content li.task input:checked + span {
    color: var(--_rk-color-muted);
    text-decoration: line-through;
  }

  .content a {
    color: var(--_rk-color-accent);
    text-underline-offset: 2px;
  }

  .content img {
    max-width: 100%;
    height: auto;
    border-radius: var(--_rk-radius-small);
  }

  .content blockquote {
    padding: 0.1em 0 0.1em 1em;
    border-left: 3px solid var(--_rk-color-border);
    color: var(--_rk-color-muted);
  }

  .content hr {
    border: 0;
    border-top: 1px solid var(--_rk-color-border);
    margin: 1.2em 0;
  }

  .content code {
    font-family: var(--_rk-font-mono);
    font-size: 0.88em;
    padding: 0.1em 0.35em;
    border-radius: 4px;
    background: var(--_rk-color-code-bg);
  }

  .content .code {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    border: 1px solid var(--_rk-color-border);
    border-radius: var(--_rk-radius-small);
    background: var(--_rk-color-code-bg);
  }

  .content .code pre {
    grid-area: 2 / 1 / 3 / 3;
    margin: 0;
    padding: 0.5em 1em 0.85em;
    overflow-x: auto;
    font-size: 0.9em;
    line-height: 1.45;
  }

  .content .code code {
    padding: 0;
    background: none;
  }

  .content .code-lang {
    grid-area: 1 / 1;
    align-self: center;
    padding: 0.4em 1.3em 0;
    font-size: 0.7em;
    color: var(--_rk-color-muted);
    text-transform: lowercase;
  }

  .content .copy {
    grid-area: 1 / 2;
    margin: 0.4em 0.4em 0;
    padding: 0.2em 0.65em;
    border: 1px solid var(--_rk-color-border);
    border-radius: var(--_rk-radius-small);
    background: var(--_rk-color-raised);
    color: var(--_rk-color-text);
    font-size: 0.8em;
  }

  .content .copy:hover {
    border-color: var(--_rk-color-accent);
  }

  .content .missing-link {
    text-decoration: underline dotted;
    cursor: help;
  }

  .content mark.param {
    padding: 0 0.15em;
    border-radius: 3px;
    background: var(--_rk-color-accent-soft);
    color: inherit;
    font-weight: 600;
  }

  .content mark.param.missing {
    background: color-mix(in srgb, var(--_rk-color-warning) 18%, transparent);
    font-weight: 500;
  }

  .content .raw-html {
    white-space: pre-wrap;
    color: var(--_rk-color-muted);
  }

  .content .raw-html-label {
    margin-right: 0.5em;
    font-size: 0.75em;
    font-weight: 700;
    text-transform: uppercase;
  }

  .content .table-wrap {
    overflow-x: auto;
    border: 1px solid var(--_rk-color-border);
    border-radius: var(--_rk-radius-small);
  }

  .content table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.92em;
  }

  .content th,
  .content td {
    padding: 0.45em 0.75em;
    border-bottom: 1px solid var(--_rk-color-border);
    text-align: left;
    vertical-align: top;
  }

  .content tr:last-child td {
    border-bottom: 0;
  }

  .content th {
    background: var(--_rk-color-surface);
    font-weight: 600;
  }

  .content .align-center {
    text-align: center;
  }

  .content .align-right {
    text-align: right;
  }

  .content .callout {
    --callout: var(--_rk-color-note);
    padding: 0.7em 1em;
    border: 1px solid color-mix(in srgb, var(--callout) 35%, transparent);
    border-left: 4px solid var(--callout);
    border-radius: var(--_rk-radius-small);
    background: color-mix(in srgb, var(--callout) 8%, var(--_rk-color-bg));
  }

  .content .callout > :last-child {
    margin-bottom: 0;
  }

  .content .callout-title {
    margin: 0 0 0.3em;
    color: var(--callout);
    font-size: 0.8em;
    font-weight: 700;
    letter-spacing: 0.04em;
    text-transform: uppercase;
  }

  .content .callout-tip {
    --callout: var(--_rk-color-tip);
  }

  .content .callout-important {
    --callout: var(--_rk-color-important);
  }

  .content .callout-warning {
    --callout: var(--_rk-color-warning);
  }

  .content .callout-caution {
    --callout: var(--_rk-color-caution);
  }

  .content .footnote {
    font-size: 0.85em;
    color: var(--_rk-color-muted);
  }
`
