import {css} from 'lit'
import {themeStyles} from '../../internal/theme.styles.js'

/** Styles of `<runbook-kit>`. */
export const styles = [
  themeStyles,
  css`
    .back {
      margin-bottom: 0.75em;
    }

    runbook-walkthrough:focus {
      outline: none;
    }
  `
]
