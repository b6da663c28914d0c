import { createElement } from "react"
import { renderToStaticMarkup } from "react-dom/server"
import { SelectField } from "../select-field"

const render = (props: { id?: string; label: string; hideLabel?: boolean }) =>
  renderToStaticMarkup(
    createElement(SelectField, { ...props, value: "", options: [{ value: "a", label: "A" }], onChange: () => {} })
  )

describe("SelectField", () => {
  it("names the trigger once, by a visible label tied to it", () => {
    const html = render({ id: "ds-kind", label: "Kind" })
    expect(html).toMatch(/<label[^>]* for="ds-kind"[^>]*>Kind<\/label>/)
    expect(html).toMatch(/<button[^>]* role="combobox"[^>]* id="ds-kind"/)
    expect(html).not.toContain("aria-label")
  })

  it("ties a generated id when none is given", () => {
    const html = render({ label: "Kind" })
    const labelFor = /<label[^>]* for="([^"]+)"/.exec(html)?.[1]
    expect(labelFor).toBeTruthy()
    expect(html).toContain(`id="${labelFor}"`)
  })

  it("with hideLabel, shows no label and names the trigger by aria-label", () => {
    const html = render({ label: "Value 1", hideLabel: true })
    expect(html).not.toContain("<label")
    expect(html).toMatch(/<button[^>]* role="combobox"[^>]* aria-label="Value 1"/)
  })
})
