import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Checkbox, Container, Drawer, Heading, Input, Label, StatusBadge, Text, toast } from "@medusajs/ui"
import { FormEvent, useState } from "react"
import { SelectField } from "../../../components/select-field"
import { CreateDataSourceBody, useCreateDataSource, useDataMap } from "../../../hooks/plan"

const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }))
const KIND_OPTIONS = options(["pos", "crm", "email", "erp", "other"])
const SYNC_OPTIONS = options(["none", "manual", "batch", "api", "webhook"])
const pct = (r: number | null) => (r === null ? "–" : `${Math.round(r * 1000) / 10}%`)
const SOURCES = ["customers", "orders", "products", "categories", "carts", "events"] as const

const DeclareSourceDrawer = () => {
  const [open, setOpen] = useState(false)
  const [kind, setKind] = useState("pos")
  const [feeds, setFeeds] = useState<(typeof SOURCES)[number]>("orders")
  const [syncMethod, setSyncMethod] = useState("none")
  const create = useCreateDataSource()
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const f = new FormData(e.currentTarget)
    const text = (k: string) => String(f.get(k) ?? "").trim() || undefined
    const interval = text("sync_interval_hours")
    const body: CreateDataSourceBody = {
      name: text("name") ?? "",
      kind: kind as CreateDataSourceBody["kind"],
      owner: text("owner"),
      holds: text("what") ? [{ feeds, what: text("what")! }] : [],
      sync_method: syncMethod as CreateDataSourceBody["sync_method"],
      sync_interval_hours: interval ? Number(interval) : undefined,
      reaches_medusa: f.get("reaches_medusa") === "on",
      last_synced_at: text("last_synced_at"),
    }
    try {
      await create.mutateAsync(body)
      toast.success("System declared")
      setOpen(false)
    } catch (err) {
      toast.error("Could not declare the system", { description: (err as Error).message })
    }
  }
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small">Declare a system</Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <form onSubmit={submit} className="flex flex-1 flex-col overflow-hidden">
          <Drawer.Header>
            <Drawer.Title>Declare an external system</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <div>
              <Label htmlFor="ds-name">Name</Label>
              <Input id="ds-name" name="name" required placeholder="e.g. Shop POS" />
            </div>
            <div className="grid grid-cols-2 gap-4">
              <div>
                <SelectField id="ds-kind" label="Kind" value={kind} options={KIND_OPTIONS} onChange={setKind} />
              </div>
              <div>
                <Label htmlFor="ds-owner">Owner</Label>
                <Input id="ds-owner" name="owner" />
              </div>
            </div>
            <div className="grid grid-cols-2 gap-4">
              <div>
                <Label htmlFor="ds-what">What it holds</Label>
                <Input id="ds-what" name="what" placeholder="e.g. in-store purchases" />
              </div>
              <div>
                <SelectField
                  id="ds-feeds"
                  label="Would feed"
                  value={feeds}
                  options={options(SOURCES)}
                  onChange={(v) => setFeeds(v as (typeof SOURCES)[number])}
                />
              </div>
            </div>
            <div className="grid grid-cols-2 gap-4">
              <div>
                <SelectField
                  id="ds-sync"
                  label="Sync"
                  value={syncMethod}
                  options={SYNC_OPTIONS}
                  onChange={setSyncMethod}
                />
              </div>
              <div>
                <Label htmlFor="ds-interval">Every (hours)</Label>
                <Input id="ds-interval" name="sync_interval_hours" type="number" min={1} />
              </div>
            </div>
            <div>
              <Label htmlFor="ds-last">Last synced</Label>
              <Input id="ds-last" name="last_synced_at" type="date" />
            </div>
            <div className="flex items-center gap-2">
              <Checkbox id="ds-reaches" name="reaches_medusa" />
              <Label htmlFor="ds-reaches">Its data reaches Medusa</Label>
            </div>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={create.isPending}>
              Declare
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}

const DataMapPage = () => {
  const { data, isLoading } = useDataMap()
  return (
    <div className="flex flex-col gap-3">
      <Container className="divide-y p-0">
        <div className="flex items-start justify-between px-6 py-4">
          <div>
            <Heading level="h1">Data map</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Where customer and product data lives, how fresh it is, and what each gap blocks.
            </Text>
          </div>
          <DeclareSourceDrawer />
        </div>
        {isLoading && <Text className="px-6 py-4">Loading…</Text>}
        {data && (
          <div className="px-6 py-4" aria-label="Data gaps">
            <Text weight="plus">Gaps</Text>
            {data.gaps.length ? (
              <ul className="list-disc pl-5">
                {data.gaps.map((g) => (
                  <li key={g.source_id}>
                    <Text size="small">{g.message}</Text>
                    <Text size="xsmall" className="text-ui-fg-subtle">
                      Blocks:{" "}
                      {g.blocks.map((b) => `${b.type} ${b.label} (${b.needs.join(", ")})`).join("; ") || "nothing"}
                    </Text>
                  </li>
                ))}
              </ul>
            ) : (
              <Text size="small">None.</Text>
            )}
          </div>
        )}
      </Container>
      {data && (
        <Container className="p-0">
          <div className="px-6 py-4">
            <Heading level="h2">In Medusa</Heading>
          </div>
          <table className="w-full txt-compact-small">
            <thead>
              <tr className="border-y text-left text-ui-fg-subtle">
                <th className="px-6 py-2">Source</th>
                <th className="px-2 py-2">Records</th>
                <th className="px-2 py-2">Newest record</th>
                <th className="px-2 py-2">Lag (h)</th>
                <th className="px-2 py-2">Fill rate</th>
                <th className="px-2 py-2">Audit findings</th>
              </tr>
            </thead>
            <tbody>
              {data.medusa_sources.map((s) => (
                <tr key={s.id} className="border-b align-top" aria-label={`source ${s.id}`}>
                  <td className="px-6 py-2">{s.name}</td>
                  <td className="px-2 py-2">{s.records.toLocaleString("en-GB")}</td>
                  <td className="px-2 py-2">{s.newest_record_at?.slice(0, 16).replace("T", " ") ?? "–"}</td>
                  <td className="px-2 py-2">{s.update_lag_hours ?? "–"}</td>
                  <td className="px-2 py-2">
                    {s.attributes.map((a) => (
                      <div key={a.name}>
                        {a.name}: {pct(a.fill_rate)}
                      </div>
                    ))}
                  </td>
                  <td className="px-2 py-2">
                    {s.findings.map((f) => (
                      <div key={f.check_id}>
                        {f.title}: {f.affected.toLocaleString("en-GB")} of {f.total.toLocaleString("en-GB")}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Container>
      )}
      {data && (
        <Container className="p-0">
          <div className="px-6 py-4">
            <Heading level="h2">Declared systems</Heading>
          </div>
          <table className="w-full txt-compact-small">
            <thead>
              <tr className="border-y text-left text-ui-fg-subtle">
                <th className="px-6 py-2">System</th>
                <th className="px-2 py-2">Owner</th>
                <th className="px-2 py-2">Holds</th>
                <th className="px-2 py-2">Sync</th>
                <th className="px-2 py-2">Reaches Medusa</th>
              </tr>
            </thead>
            <tbody>
              {data.declared_sources.map((d) => (
                <tr key={d.id} className="border-b" aria-label={`system ${d.name}`}>
                  <td className="px-6 py-2">
                    {d.name} ({d.kind})
                  </td>
                  <td className="px-2 py-2">{d.owner ?? "–"}</td>
                  <td className="px-2 py-2">{d.holds.map((h) => `${h.what} → ${h.feeds}`).join("; ") || "–"}</td>
                  <td className="px-2 py-2">
                    {d.sync_method}
                    {d.sync_interval_hours ? ` every ${d.sync_interval_hours} h` : ""}
                    {d.last_synced_at ? `, last ${d.last_synced_at.slice(0, 10)}` : ""}
                  </td>
                  <td className="px-2 py-2">
                    <StatusBadge color={d.reaches_medusa ? "green" : "red"}>
                      {d.reaches_medusa ? "yes" : "no"}
                    </StatusBadge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Container>
      )}
    </div>
  )
}

export const config = defineRouteConfig({ label: "Data map" })

export default DataMapPage
