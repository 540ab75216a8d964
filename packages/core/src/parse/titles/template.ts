/** Template syntax (ERB `<%= … %>`, Hugo/Go/Jinja `{{ … }}`, `{% … %}`) that must never become a title. */
const templatePattern = /<%[\s\S]*?%>|\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/

/** Whether `text` contains template syntax. */
export function hasTemplateSyntax(text: string): boolean {
  return templatePattern.test(text)
}
