import {css} from 'lit'
import {contentStyles} from '../../internal/content.styles.js'
import {themed, themeStyles} from '../../internal/theme.styles.js'

/** The tokens only the walkthrough uses (primary and danger buttons, done marks, code, note callouts), light and dark. */
const walkthroughTokens = themed(
  css`
    --_rk-color-accent-hover: var(--rk-color-accent-hover, #1b46b0);
    --_rk-color-on-accent: var(--rk-color-on-accent, #ffffff);
    --_rk-color-success: var(--rk-color-success, #1a7f37);
    --_rk-color-danger: var(--rk-color-danger, #c4312b);
    --_rk-color-code-bg: var(--rk-color-code-bg, #f1f3f6);
    --_rk-color-note: var(--rk-color-note, #2458d6);
  `,
  css`
    --_rk-color-accent-hover: var(--rk-color-accent-hover, #9db9ff);
    --_rk-color-on-accent: var(--rk-color-on-accent, #0b1020);
    --_rk-color-success: var(--rk-color-success, #56d364);
    --_rk-color-danger: var(--rk-color-danger, #ff7b72);
    --_rk-color-code-bg: var(--rk-color-code-bg, #11161c);
    --_rk-color-note: var(--rk-color-note, #7aa2ff);
  `
)

/** Styles of `<runbook-walkthrough>`. */
export const styles = [
  themeStyles,
  walkthroughTokens,
  contentStyles,
  css`
    :host {
      container-type: inline-size;
    }

    .button.primary {
      border-color: var(--_rk-color-accent);
      background: var(--_rk-color-accent);
      color: var(--_rk-color-on-accent);
    }

    .button.primary:hover {
      border-color: var(--_rk-color-accent-hover);
      background: var(--_rk-color-accent-hover);
    }

    .button:disabled {
      opacity: 0.45;
      cursor: default;
      pointer-events: none;
    }

    .button.danger {
      color: var(--_rk-color-danger);
    }

    .base {
      padding: calc(var(--_rk-space) * 1.25);
      border: 1px solid var(--_rk-color-border);
      border-radius: var(--_rk-radius);
      background: var(--_rk-color-bg);
      box-shadow: var(--_rk-shadow);
    }

    .header {
      margin-bottom: var(--_rk-space);
    }

    .badges {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em;
      align-items: center;
    }

    .estimate {
      color: var(--_rk-color-muted);
      font-size: 0.8em;
    }

    .estimate::before {
      content: '·';
      margin-right: 0.4em;
    }

    .title {
      margin: 0.35em 0 0.15em;
      font-size: 1.45em;
      line-height: 1.25;
      letter-spacing: -0.01em;
    }

    .description {
      margin: 0 0 0.5em;
      color: var(--_rk-color-muted);
    }

    .progress-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em 1em;
      align-items: center;
      margin-top: 0.75em;
      font-size: 0.85em;
      color: var(--_rk-color-muted);
    }

    progress {
      flex: 1 1 12em;
      height: 8px;
      border: 0;
      border-radius: 999px;
      background: var(--_rk-color-surface);
      overflow: hidden;
      appearance: none;
    }

    progress::-webkit-progress-bar {
      background: var(--_rk-color-surface);
      border-radius: 999px;
    }

    progress::-webkit-progress-value {
      background: var(--_rk-color-accent);
      border-radius: 999px;
      transition: width 0.3s ease;
    }

    progress::-moz-progress-bar {
      background: var(--_rk-color-accent);
      border-radius: 999px;
    }

    .elapsed {
      font-variant-numeric: tabular-nums;
    }

    .layout {
      display: grid;
      grid-template-columns: minmax(11em, 15em) minmax(0, 1fr);
      gap: calc(var(--_rk-space) * 1.25);
      align-items: start;
    }

    @container (max-width: 40em) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
      }

      .outline {
        order: 2;
      }
    }

    .outline {
      position: sticky;
      top: var(--_rk-space);
      padding: 0.75em 0.5em;
      border-radius: var(--_rk-radius-small);
      background: var(--_rk-color-surface);
      font-size: 0.88em;
    }

    .outline-title {
      margin: 0 0.5em 0.5em;
      color: var(--_rk-color-muted);
      font-size: 0.8em;
      letter-spacing: 0.06em;
      text-transform: uppercase;
    }

    .outline ol {
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .outline-button {
      display: flex;
      gap: 0.6em;
      align-items: flex-start;
      width: 100%;
      padding: 0.35em 0.5em;
      border: 0;
      border-radius: var(--_rk-radius-small);
      background: none;
      color: var(--_rk-color-text);
      text-align: left;
      line-height: 1.35;
    }

    .outline-button:hover:not(:disabled) {
      background: var(--_rk-color-raised);
    }

    .outline-button:disabled {
      cursor: default;
    }

    .marker {
      display: inline-grid;
      flex: none;
      place-items: center;
      width: 1.35em;
      height: 1.35em;
      margin-top: 0.05em;
      border: 1.5px solid var(--_rk-color-border);
      border-radius: 50%;
      background: var(--_rk-color-bg);
      color: var(--_rk-color-on-accent);
      font-size: 0.8em;
      font-weight: 700;
    }

    .outline-item.done .marker {
      border-color: var(--_rk-color-success);
      background: var(--_rk-color-success);
      color: #fff;
    }

    .outline-item.current .outline-button {
      background: var(--_rk-color-raised);
      font-weight: 650;
      box-shadow: inset 3px 0 0 var(--_rk-color-accent);
    }

    .outline-item.current .marker {
      border-color: var(--_rk-color-accent);
      background: var(--_rk-color-accent-soft);
    }

    .outline-item.todo .outline-label {
      color: var(--_rk-color-muted);
    }

    .step {
      min-width: 0;
    }

    .step-title {
      margin: 0 0 0.75em;
      font-size: 1.2em;
      line-height: 1.3;
    }

    .step-title:focus {
      outline: none;
    }

    .step-title:focus-visible {
      outline: 2px solid var(--_rk-color-focus);
      outline-offset: 4px;
      border-radius: 2px;
    }

    .params {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(14em, 1fr));
      gap: 0.6em 1em;
      margin: 0 0 1em;
      padding: 0.75em 1em 0.9em;
      border: 1px solid var(--_rk-color-border);
      border-radius: var(--_rk-radius-small);
      background: var(--_rk-color-surface);
    }

    .params legend {
      padding: 0 0.3em;
      font-size: 0.8em;
      font-weight: 700;
      letter-spacing: 0.05em;
      text-transform: uppercase;
      color: var(--_rk-color-muted);
    }

    .param-field label {
      display: block;
      margin-bottom: 0.2em;
      font-size: 0.85em;
    }

    .param-field code {
      font-family: var(--_rk-font-mono);
      font-weight: 600;
    }

    .param-description {
      color: var(--_rk-color-muted);
    }

    input,
    textarea,
    select {
      font: inherit;
      color: var(--_rk-color-text);
      background: var(--_rk-color-bg);
      border: 1px solid var(--_rk-color-border);
      border-radius: var(--_rk-radius-small);
      padding: 0.45em 0.6em;
    }

    input:focus,
    textarea:focus,
    select:focus {
      border-color: var(--_rk-color-accent);
    }

    .param-field input {
      width: 100%;
      font-family: var(--_rk-font-mono);
      font-size: 0.9em;
    }

    .choices {
      display: grid;
      gap: 0.5em;
      margin: 1.25em 0;
    }

    .choices-title {
      margin: 0;
      font-weight: 650;
    }

    .choice {
      justify-content: space-between;
      width: 100%;
      padding: 0.75em 1em;
      text-align: left;
    }

    .choice:hover {
      background: var(--_rk-color-accent-soft);
    }

    .choice .arrow {
      color: var(--_rk-color-accent);
    }

    .notes {
      margin: 1.25em 0 0;
      padding-top: 1em;
      border-top: 1px solid var(--_rk-color-border);
    }

    .notes label {
      display: block;
      margin-bottom: 0.35em;
      font-size: 0.85em;
      font-weight: 600;
      color: var(--_rk-color-muted);
    }

    .note-list {
      margin: 0 0 0.5em;
      padding: 0;
      list-style: none;
      font-size: 0.92em;
    }

    .note-list li {
      padding: 0.35em 0.6em;
      border-left: 3px solid var(--_rk-color-accent);
      background: var(--_rk-color-surface);
      border-radius: 0 var(--_rk-radius-small) var(--_rk-radius-small) 0;
    }

    .note-list li + li {
      margin-top: 0.3em;
    }

    .note-list time {
      color: var(--_rk-color-muted);
      font-size: 0.85em;
      font-variant-numeric: tabular-nums;
    }

    .note-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: flex-end;
    }

    .note-row textarea {
      flex: 1 1 14em;
      resize: vertical;
      min-height: 2.6em;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: center;
      margin-top: 1.25em;
    }

    .actions.center {
      justify-content: center;
    }

    .spacer {
      flex: 1;
    }

    .escalation {
      margin-top: 1em;
      padding: 1em;
      border: 1px solid color-mix(in srgb, var(--_rk-color-danger) 40%, transparent);
      border-radius: var(--_rk-radius-small);
      background: color-mix(in srgb, var(--_rk-color-danger) 5%, var(--_rk-color-bg));
    }

    .escalation-fields {
      display: grid;
      gap: 0.75em;
    }

    .escalation label > span:first-child {
      display: block;
      margin-bottom: 0.25em;
      font-size: 0.85em;
      font-weight: 600;
    }

    .target-row {
      display: flex;
      gap: 0.5em;
    }

    .target-row input,
    .escalation textarea {
      flex: 1;
      width: 100%;
    }

    .escalation .actions {
      justify-content: flex-end;
      margin-top: 0.75em;
    }

    .complete {
      padding: 2em 1em;
      text-align: center;
    }

    .complete-mark {
      display: inline-grid;
      place-items: center;
      width: 3em;
      height: 3em;
      margin-bottom: 0.5em;
      border-radius: 50%;
      background: var(--_rk-color-success);
      color: #fff;
      font-size: 1.4em;
      font-weight: 700;
    }

    .loading {
      margin: 0;
      color: var(--_rk-color-muted);
    }
  `
]
