import {css} from 'lit'
import {themeStyles} from '../../internal/theme.styles.js'

/**
 * Styles of `<runbook-kit>`. The back button sits on the page, not on a
 * panel of the widget: it takes the widget's own background, so that its
 * text keeps its contrast when the widget is dark on a light page (or light
 * on a dark one).
 */
export const styles = [
  themeStyles,
  css`
    .button.back {
      margin-bottom: 0.75em;
      background: var(--_rk-color-bg);
    }

    runbook-walkthrough:focus {
      outline: none;
    }
  `
]
