/**
 * Renders renderer components to static HTML in one UI language, for tests of what a page words. Modules are loaded
 * by name (paths from this folder): the node project's type check does not compile the renderer's JSX (vitest does).
 */
export async function renderWithStrings(
  language: 'en' | 'zh',
  parts: { module: string; component: string; props: object }[],
): Promise<string> {
  const [{ createElement }, { renderToStaticMarkup }, i18n, { I18nextProvider }, { default: i18next }] =
    await Promise.all(
      ['react', 'react-dom/server', '../renderer/i18n', 'react-i18next', 'i18next'].map((m) => import(m)),
    )
  const modules = await Promise.all(parts.map((p) => import(p.module)))
  await i18n.useUiStrings(language)
  try {
    return renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n: i18next },
        ...parts.map((p, i) => createElement(modules[i][p.component], p.props)),
      ),
    )
  } finally {
    await i18n.useUiStrings('en')
  }
}
