/**
 * The one place ECharts is assembled: only the charts and components the Compare view draws, plus
 * both renderers (canvas on screen, SVG for vector export), so the bundle stays small.
 */
import { init, use, type ComposeOption, type ECElementEvent, type EChartsType } from 'echarts/core'
import { BoxplotChart, HeatmapChart, ScatterChart, type BoxplotSeriesOption, type HeatmapSeriesOption, type ScatterSeriesOption } from 'echarts/charts'
import {
  GridComponent, TitleComponent, TooltipComponent, VisualMapComponent,
  type GridComponentOption, type TitleComponentOption, type TooltipComponentOption, type VisualMapComponentOption
} from 'echarts/components'
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers'

use([BoxplotChart, HeatmapChart, ScatterChart, GridComponent, TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer, SVGRenderer])

export type ChartOption = ComposeOption<
  | BoxplotSeriesOption
  | HeatmapSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | TitleComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>

export { init, type ECElementEvent, type EChartsType }

/** Fonts and colours every chart of the app shares. */
export const CHART_TEXT = { fontFamily: 'system-ui, sans-serif', color: '#2a3f5f' } as const
