import {css} from 'lit'
import {themeStyles} from '../../internal/theme.styles.js'

/** Styles of `<runbook-kit>`. */
export const styles = [
  themeStyles,
  css`
    .top {
      display: flex;
      gap: 0.75em;
      align-items: center;
      margin-bottom: var(--_rk-space);
    }

    .top runbook-search {
      flex: 1;
    }

    .back {
      margin-bottom: 0.75em;
    }

    runbook-walkthrough:focus {
      outline: none;
    }
  `
]
