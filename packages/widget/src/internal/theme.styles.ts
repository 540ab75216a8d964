import {css, type CSSResult} from 'lit'

/** The shared tokens' light values: the default. */
const lightTokens = css`
    --_rk-font: var(--rk-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    --_rk-font-mono: var(--rk-font-mono, ui-monospace, 'SFMono-Regular', 'Cascadia Code', Menlo, Consolas, monospace);
    --_rk-font-size: var(--rk-font-size, 1rem);
    --_rk-radius: var(--rk-radius, 10px);
    --_rk-radius-small: var(--rk-radius-small, 6px);
    --_rk-space: var(--rk-space, 1rem);
    --_rk-color-bg: var(--rk-color-bg, #ffffff);
    --_rk-color-surface: var(--rk-color-surface, #f6f7f9);
    --_rk-color-raised: var(--rk-color-raised, #ffffff);
    --_rk-color-text: var(--rk-color-text, #1b1f24);
    --_rk-color-muted: var(--rk-color-muted, #59636e);
    --_rk-color-border: var(--rk-color-border, #d8dde3);
    --_rk-color-accent: var(--rk-color-accent, #2458d6);
    --_rk-color-accent-soft: var(--rk-color-accent-soft, #e8efff);
    --_rk-color-focus: var(--rk-color-focus, #2458d6);
    --_rk-color-highlight: var(--rk-color-highlight, #fff0a8);
    --_rk-color-tip: var(--rk-color-tip, #1a7f37);
    --_rk-color-important: var(--rk-color-important, #7c3aed);
    --_rk-color-warning: var(--rk-color-warning, #9a6700);
    --_rk-color-caution: var(--rk-color-caution, #c4312b);
    --_rk-shadow: var(--rk-shadow, 0 1px 2px rgb(16 24 40 / 6%), 0 4px 16px rgb(16 24 40 / 8%));
`

/** The dark palette, used by `theme="dark"` and by the dark color scheme. */
const darkTokens = css`
    --_rk-color-bg: var(--rk-color-bg, #0f1419);
    --_rk-color-surface: var(--rk-color-surface, #171d24);
    --_rk-color-raised: var(--rk-color-raised, #1d242c);
    --_rk-color-text: var(--rk-color-text, #e6e9ed);
    --_rk-color-muted: var(--rk-color-muted, #a2acb7);
    --_rk-color-border: var(--rk-color-border, #343d48);
    --_rk-color-accent: var(--rk-color-accent, #7aa2ff);
    --_rk-color-accent-soft: var(--rk-color-accent-soft, #1e2a44);
    --_rk-color-focus: var(--rk-color-focus, #9db9ff);
    --_rk-color-highlight: var(--rk-color-highlight, #5b4a00);
    --_rk-color-tip: var(--rk-color-tip, #56d364);
    --_rk-color-important: var(--rk-color-important, #b99cff);
    --_rk-color-warning: var(--rk-color-warning, #e3b341);
    --_rk-color-caution: var(--rk-color-caution, #ff7b72);
    --_rk-shadow: var(--rk-shadow, 0 1px 2px rgb(0 0 0 / 30%), 0 4px 16px rgb(0 0 0 / 35%));
    color-scheme: dark;
`

/**
 * Rules that declare design tokens on `:host`: `light` by default, `dark`
 * with `theme="dark"` or with `prefers-color-scheme: dark` unless
 * `theme="light"`. The shared tokens are declared here; a component declares
 * the tokens only it uses in its own styles, the same way.
 */
export function themed(light: CSSResult, dark: CSSResult): CSSResult {
  return css`
    :host {
      ${light}
    }

    :host([theme='dark']) {
      ${dark}
    }

    @media (prefers-color-scheme: dark) {
      :host(:not([theme='light'])) {
        ${dark}
      }
    }
  `
}

/**
 * The design tokens every component shares, as CSS custom properties on
 * `:host`. A page themes the widget by setting them on the element (page
 * styles on the element win over `:host`), e.g.
 * `runbook-kit { --rk-color-accent: #0b6e4f; }`.
 *
 * Light is the default; dark applies with `theme="dark"`, or with
 * `prefers-color-scheme: dark` unless `theme="light"`.
 */
export const themeStyles = css`
  ${themed(lightTokens, darkTokens)}

  :host {
    display: block;
    box-sizing: border-box;
    color: var(--_rk-color-text);
    font-family: var(--_rk-font);
    font-size: var(--_rk-font-size);
    line-height: 1.5;
    -webkit-text-size-adjust: 100%;
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  :focus-visible {
    outline: 2px solid var(--_rk-color-focus);
    outline-offset: 2px;
  }

  button {
    font: inherit;
    cursor: pointer;
  }

  .button {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    padding: 0.5em 0.95em;
    border: 1px solid var(--_rk-color-border);
    border-radius: var(--_rk-radius-small);
    background: var(--_rk-color-raised);
    color: var(--_rk-color-text);
    font-weight: 550;
    line-height: 1.25;
    text-decoration: none;
  }

  .button:hover {
    border-color: var(--_rk-color-accent);
  }

  .button.quiet {
    border-color: transparent;
    background: transparent;
    color: var(--_rk-color-muted);
  }

  .button.quiet:hover {
    color: var(--_rk-color-text);
    background: var(--_rk-color-surface);
  }

  .badge {
    display: inline-block;
    padding: 0.1em 0.55em;
    border-radius: 999px;
    background: var(--_rk-color-accent-soft);
    color: var(--_rk-color-text);
    font-size: 0.75em;
    font-weight: 600;
    letter-spacing: 0.01em;
    white-space: nowrap;
  }

  .badge.category-troubleshooting {
    background: color-mix(in srgb, var(--_rk-color-warning) 16%, transparent);
  }

  .badge.category-onboarding {
    background: color-mix(in srgb, var(--_rk-color-tip) 16%, transparent);
  }

  .badge.category-backup-restore {
    background: color-mix(in srgb, var(--_rk-color-important) 16%, transparent);
  }

  .badge.category-incident-response {
    background: color-mix(in srgb, var(--_rk-color-caution) 16%, transparent);
  }

  .badge.audience {
    background: transparent;
    border: 1px solid var(--_rk-color-border);
    font-weight: 500;
    color: var(--_rk-color-muted);
  }

  .notice {
    margin: 0 0 var(--_rk-space);
    padding: 0.6em 0.9em;
    border-radius: var(--_rk-radius-small);
    border: 1px solid var(--_rk-color-border);
    background: var(--_rk-color-surface);
    font-size: 0.9em;
  }

  .notice.warning {
    border-color: color-mix(in srgb, var(--_rk-color-warning) 50%, transparent);
    background: color-mix(in srgb, var(--_rk-color-warning) 10%, var(--_rk-color-bg));
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`
