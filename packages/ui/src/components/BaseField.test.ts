import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import { h } from "vue";
import BaseField from "./BaseField.vue";
import BaseInput from "./BaseInput.vue";
import BaseTable from "./BaseTable.vue";

function mountField(props: { label: string; error?: string | null; hint?: string }) {
  return mount(BaseField, {
    props,
    slots: {
      default: (p: { id: string; describedBy: string | undefined; invalid: boolean }) =>
        h(BaseInput, { id: p.id, describedBy: p.describedBy, invalid: p.invalid }),
    },
  });
}

describe("BaseField", () => {
  it("labels its control and links hint and error by id", () => {
    const w = mountField({ label: "密码", hint: "至少 10 位", error: "密码须同时包含字母和数字" });
    const input = w.get("input");
    const id = input.attributes("id")!;
    expect(w.get("label").attributes("for")).toBe(id);
    const described = input.attributes("aria-describedby")!.split(" ");
    expect(described).toHaveLength(2);
    expect(w.get(`#${described[0]}`).text()).toBe("至少 10 位");
    expect(w.get(`#${described[1]}`).text()).toBe("密码须同时包含字母和数字");
    expect(input.attributes("aria-invalid")).toBe("true");
  });

  it("has no error description and no aria-invalid when the field is valid", () => {
    const w = mountField({ label: "用户名" });
    const input = w.get("input");
    expect(input.attributes("aria-describedby")).toBeUndefined();
    expect(input.attributes("aria-invalid")).toBeUndefined();
    expect(w.find(".base-field__error").exists()).toBe(false);
  });

  it("gives two fields on one page different ids", () => {
    const field = (label: string) => h(BaseField, { label }, { default: (p: { id: string }) => h(BaseInput, { id: p.id }) });
    const w = mount({ render: () => h("form", [field("A"), field("B")]) });
    const [a, b] = w.findAll("input").map((i) => i.attributes("id"));
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
  });
});

describe("BaseTable", () => {
  const columns = [
    { key: "name", label: "名称" },
    { key: "population", label: "人口", align: "end" as const },
  ];
  it("renders rows, a dash for empty values and custom cells", () => {
    const w = mount(BaseTable<{ id: string; name: string; population: number | null }>, {
      props: {
        columns,
        rows: [
          { id: "1", name: "城关街道", population: 186000 },
          { id: "2", name: "青石镇", population: null },
        ],
        rowKey: (r: { id: string }) => r.id,
        caption: "镇街",
      },
      slots: { "cell-name": (p: { value: unknown }) => h("strong", String(p.value)) },
    });
    const cells = w.findAll("tbody td").map((c) => c.text());
    expect(cells).toEqual(["城关街道", "186000", "青石镇", "—"]);
    expect(w.find("tbody strong").text()).toBe("城关街道");
    expect(w.get(".base-table").attributes("aria-label")).toBe("镇街");
    expect(w.get("caption").text()).toBe("镇街");
  });

  it("shows the empty text when there are no rows", () => {
    const w = mount(BaseTable<{ id: string }>, {
      props: { columns, rows: [], rowKey: (r: { id: string }) => r.id, caption: "镇街", emptyText: "暂无数据" },
    });
    expect(w.get(".base-table__empty").text()).toBe("暂无数据");
    expect(w.get(".base-table__empty").attributes("colspan")).toBe("2");
  });
});
