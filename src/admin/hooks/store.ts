import { useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"

type StoreRow = { supported_currencies?: { currency_code: string; is_default?: boolean }[] | null }

/**
 * The store's default currency (Medusa's store settings), lower case; null while loading or when the
 * store has none. Forms start from it instead of a hard-coded currency.
 */
export const useStoreDefaultCurrency = (): string | null => {
  const { data } = useQuery({
    queryKey: ["personalization", "store-default-currency"],
    queryFn: () =>
      sdk.client.fetch<{ stores: StoreRow[] }>("/admin/stores", {
        query: { fields: "supported_currencies.currency_code,supported_currencies.is_default" },
      }),
    staleTime: 5 * 60 * 1000,
  })
  const currencies = data?.stores?.[0]?.supported_currencies ?? []
  const chosen = currencies.find((c) => c.is_default) ?? currencies[0]
  return chosen?.currency_code?.toLowerCase() ?? null
}
