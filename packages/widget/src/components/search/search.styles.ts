import {css} from 'lit'
import {themeStyles} from '../../internal/theme.styles.js'

/** Styles of `<runbook-search>`. */
export const styles = [
  themeStyles,
  css`
    .form {
      display: flex;
      gap: 0.5em;
    }

    .field {
      position: relative;
      flex: 1;
      min-width: 0;
    }

    .icon {
      position: absolute;
      top: 50%;
      left: 0.9em;
      width: 1.15em;
      height: 1.15em;
      transform: translateY(-50%);
      fill: none;
      stroke: var(--_rk-color-muted);
      stroke-width: 2;
      stroke-linecap: round;
      pointer-events: none;
    }

    input {
      width: 100%;
      padding: 0.8em 3em 0.8em 2.7em;
      border: 1px solid var(--_rk-color-border);
      border-radius: var(--_rk-radius);
      background: var(--_rk-color-bg);
      color: var(--_rk-color-text);
      font: inherit;
      font-size: 1.05em;
      box-shadow: 0 1px 2px rgb(16 24 40 / 5%);
    }

    input::placeholder {
      color: var(--_rk-color-muted);
    }

    input:focus {
      outline: none;
      border-color: var(--_rk-color-accent);
      box-shadow: 0 0 0 3px color-mix(in srgb, var(--_rk-color-accent) 25%, transparent);
    }

    input::-webkit-search-cancel-button {
      cursor: pointer;
    }

    .hint {
      position: absolute;
      top: 50%;
      right: 0.8em;
      transform: translateY(-50%);
      padding: 0.05em 0.45em;
      border: 1px solid var(--_rk-color-border);
      border-radius: 4px;
      background: var(--_rk-color-surface);
      color: var(--_rk-color-muted);
      font-family: var(--_rk-font-mono);
      font-size: 0.8em;
    }

    select {
      flex: none;
      max-width: 40%;
      padding: 0 0.75em;
      border: 1px solid var(--_rk-color-border);
      border-radius: var(--_rk-radius);
      background: var(--_rk-color-bg);
      color: var(--_rk-color-text);
      font: inherit;
    }

    .results {
      margin: 0.5em 0 0;
      padding: 0.35em;
      list-style: none;
      max-height: var(--rk-results-max-height, 28em);
      overflow-y: auto;
      border: 1px solid var(--_rk-color-border);
      border-radius: var(--_rk-radius);
      background: var(--_rk-color-bg);
      box-shadow: var(--_rk-shadow);
    }

    .result {
      padding: 0.6em 0.75em;
      border-radius: var(--_rk-radius-small);
      cursor: pointer;
    }

    .result + .result {
      margin-top: 2px;
    }

    .result.active {
      background: var(--_rk-color-accent-soft);
      box-shadow: inset 3px 0 0 var(--_rk-color-accent);
    }

    .result-head {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35em 0.5em;
      align-items: center;
    }

    .result-title {
      flex: 1 1 auto;
      min-width: 0;
      font-weight: 650;
    }

    .sep {
      color: var(--_rk-color-muted);
    }

    .step {
      font-weight: 500;
    }

    .snippet {
      margin: 0.2em 0 0;
      color: var(--_rk-color-muted);
      font-size: 0.88em;
      line-height: 1.45;
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }

    mark {
      padding: 0 0.1em;
      border-radius: 2px;
      background: var(--_rk-color-highlight);
      color: var(--_rk-color-text);
    }

    .empty {
      margin-top: 0.5em;
      padding: 1.5em 1em;
      border: 1px dashed var(--_rk-color-border);
      border-radius: var(--_rk-radius);
      text-align: center;
    }

    .empty-title {
      margin: 0 0 0.25em;
      font-weight: 600;
    }

    .empty-hint {
      margin: 0;
      color: var(--_rk-color-muted);
      font-size: 0.9em;
    }

    .status {
      color: var(--_rk-color-muted);
      font-size: 0.9em;
    }

    .notice {
      margin-top: 0.5em;
    }
  `
]
