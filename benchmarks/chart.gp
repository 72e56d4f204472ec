# Bar charts of jitson-bench's results:
#   top:    MB/s per workload and library (log scale), memcpy as the bound;
#   bottom: jitson's speed relative to RapidJSON, with the issue's targets
#           (a ratio's label goes above its target's circle when the two are close).
#   gnuplot -e "datafile='chart.dat'; outfile='performance.png'" benchmarks/chart.gp
# chart.dat is written by benchmarks/report.py --chart-data: one row per
# workload: MB/s of rapidjson jitson nlohmann boost_json memcpy ("-" when
# absent), jitson's ratio to RapidJSON, the target ratio.
if (!exists("datafile")) datafile = 'chart.dat'
if (!exists("outfile")) outfile = 'performance.png'

set terminal pngcairo size 1200,900 font "sans,10" noenhanced
set output outfile
set datafile missing "-"
set style data histograms
set style fill solid 0.9 border -1
set grid ytics lc rgb "#dddddd"
set xtics nomirror
set border 3
set multiplot layout 2,1

set title "JSON writing speed, C++ structs to text (MB/s of output, log scale; higher is better)"
set style histogram clustered gap 1
set boxwidth 0.9
set logscale y
set format y "%.0f"
set yrange [10:*]
set ylabel "MB/s"
set key outside top center horizontal
plot datafile using 2:xtic(1) title "RapidJSON" lc rgb "#4e79a7", \
     ''       using 3 title "jitson" lc rgb "#e15759", \
     ''       using 4 title "nlohmann" lc rgb "#f28e2b", \
     ''       using 5 title "Boost.JSON" lc rgb "#76b7b2", \
     ''       using 6 title "memcpy (bound)" lc rgb "#bab0ac"

set title "jitson's speed relative to RapidJSON (same run) and the issue's targets"
unset logscale y
set format y "%.1f×"
set yrange [0:*]
set ylabel "× RapidJSON"
set offsets 0, 0, 0.6, 0
set boxwidth 0.6
plot datafile using 7:xtic(1) title "jitson ÷ RapidJSON" lc rgb "#e15759", \
     ''       using 0:(($8 > $7 && $8 - $7 < 0.6) ? $8 : $7):(sprintf("%.2f×", $7)) \
                with labels offset 0,1.1 notitle, \
     ''       using 0:8 with points pt 6 ps 2 lw 2 lc rgb "#222222" title "target", \
     1 with lines dt 2 lc rgb "#4e79a7" title "RapidJSON (1×)"
unset multiplot
