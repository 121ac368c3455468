<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>about_dialog</name>
    <message>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>A desktop trainer for backpropagation networks: draw a network, train it live, step through backpropagation with the numbers.</source>
        <translation>反向传播网络的桌面训练工具：画出网络，实时训练，并带着具体数值单步演示反向传播。</translation>
    </message>
    <message>
        <source>bpgui is free software under the MIT licence.</source>
        <translation>bpgui 是以 MIT 许可证发布的自由软件。</translation>
    </message>
    <message>
        <source>Qt {version}, used through Qt for Python under the {licence}: bpgui links the Qt libraries dynamically, so they can be replaced by another build.</source>
        <translation>Qt {version}，通过 Qt for Python 按 {licence} 使用：bpgui 动态链接 Qt 库，因此可以换用其他构建版本。</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>About bpgui</source>
        <translation>关于 bpgui</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy / R²</source>
        <translation>准确率 / R²</translation>
    </message>
    <message>
        <source>Weight heatmap</source>
        <translation>权重热力图</translation>
    </message>
    <message>
        <source>Gradient norms</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Output map</source>
        <translation>输出图</translation>
    </message>
    <message>
        <source>▶ Train</source>
        <translation>▶ 训练</translation>
    </message>
    <message>
        <source>Train / pause (Space)</source>
        <translation>训练 / 暂停（空格）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Train exactly one epoch (F10)</source>
        <translation>只训练一轮（F10）</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ 停止</translation>
    </message>
    <message>
        <source>Stop training (Esc)</source>
        <translation>停止训练（Esc）</translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation>重置权重</translation>
    </message>
    <message>
        <source>New random weights; Undo brings the trained ones back (Ctrl+R)</source>
        <translation>生成新的随机权重；撤销可恢复训练过的权重（Ctrl+R）</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Open data…</source>
        <translation>打开数据…</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>打开模型…</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>Save model as…</source>
        <translation>模型另存为…</translation>
    </message>
    <message>
        <source>Export loss history as CSV…</source>
        <translation>将损失历史导出为 CSV…</translation>
    </message>
    <message>
        <source>Export run as animation…</source>
        <translation>将运行导出为动画…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>最近的文件</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>{plot}…</source>
        <translation>{plot}…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Export network</source>
        <translation>导出网络</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
</context>
<context>
    <name>builtin_data</name>
    <message>
        <source>{gate} gate</source>
        <translation>{gate} 逻辑门</translation>
    </message>
    <message>
        <source>a disc inside a ring</source>
        <translation>圆环包围的圆盘</translation>
    </message>
    <message>
        <source>quadrants: label is sign(x1 * x2)</source>
        <translation>象限：标签为 sign(x1 * x2)</translation>
    </message>
    <message>
        <source>two Gaussian blobs</source>
        <translation>两团高斯分布的点</translation>
    </message>
    <message>
        <source>two interleaved spiral arms</source>
        <translation>两条交织的螺旋臂</translation>
    </message>
    <message>
        <source>two interleaving half moons</source>
        <translation>两个交错的半月形</translation>
    </message>
    <message>
        <source>sum of Gaussian bumps</source>
        <translation>若干高斯凸起之和</translation>
    </message>
    <message>
        <source>n_samples must be an integer &gt;= 1, got {got}</source>
        <translation>n_samples 必须是 &gt;= 1 的整数，实际为 {got}</translation>
    </message>
    <message>
        <source>n_samples must be at most {most}, got {got}</source>
        <translation>n_samples 至多为 {most}，实际为 {got}</translation>
    </message>
    <message>
        <source>noise must be a finite number &gt;= 0, got {got}</source>
        <translation>noise 必须是 &gt;= 0 的有限数，实际为 {got}</translation>
    </message>
    <message>
        <source>{gate} gate truth table</source>
        <translation>{gate} 逻辑门真值表</translation>
    </message>
</context>
<context>
    <name>c_compile</name>
    <message>
        <source>not compiled: no C compiler found (install cc, gcc or clang)</source>
        <translation>未编译：找不到 C 编译器（请安装 cc、gcc 或 clang）</translation>
    </message>
    <message>
        <source>{compiler} could not compile it: {error}</source>
        <translation>{compiler} 无法编译它：{error}</translation>
    </message>
</context>
<context>
    <name>categories</name>
    <message>
        <source>{count} distinct values: too many for a class target column (at most {most}); is it an identifier? leave it out</source>
        <translation>{count} 个不同的值：作为类别目标列太多了（最多 {most} 个）；它是标识符吗？请不要使用它</translation>
    </message>
    <message>
        <source>{count} distinct values: too many for a class feature column (at most {most}); is it an identifier? leave it out</source>
        <translation>{count} 个不同的值：作为类别特征列太多了（最多 {most} 个）；它是标识符吗？请不要使用它</translation>
    </message>
    <message>
        <source>{count} different texts in {rows} rows: an identifier, not classes to learn; choose the target column (Target, or --target)</source>
        <translation>{rows} 行中有 {count} 个不同的文本：这是标识符，不是要学习的类别；请选择目标列（“目标”，或 --target）</translation>
    </message>
    <message>
        <source>class {name} is not one of the model&apos;s classes ({classes})</source>
        <translation>类别 {name} 不是模型的类别之一（{classes}）</translation>
    </message>
    <message>
        <source>every row has the class {name}; a class target needs at least two classes</source>
        <translation>每一行的类别都是 {name}；类别目标至少需要两个类别</translation>
    </message>
</context>
<context>
    <name>check_commands</name>
    <message>
        <source>Find learning rate…</source>
        <translation>寻找学习率…</translation>
    </message>
    <message>
        <source>Learning-rate range test: the loss as the rate grows, and a suggested rate</source>
        <translation>学习率范围测试：学习率增大时的损失，以及建议的学习率</translation>
    </message>
    <message>
        <source>Check gradients…</source>
        <translation>梯度检查…</translation>
    </message>
    <message>
        <source>Backpropagation against numerical gradients, layer by layer</source>
        <translation>逐层比较反向传播梯度与数值梯度</translation>
    </message>
    <message>
        <source>Stop training first: while it runs (or is paused) the training process holds the newest weights, and the check would use an old copy.</source>
        <translation>请先停止训练：训练运行（或暂停）时，最新的权重在训练进程中，检查会用到旧的副本。</translation>
    </message>
    <message>
        <source>Load data with the model&apos;s columns (Data panel) first: the check needs training rows.</source>
        <translation>请先载入包含模型所需列的数据（数据面板）：检查需要训练样本。</translation>
    </message>
    <message>
        <source>Find learning rate</source>
        <translation>寻找学习率</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>全批</translation>
    </message>
    <message>
        <source>batches of {size}</source>
        <translation>批大小 {size}</translation>
    </message>
    <message>
        <source>Network {sizes} at epoch {epoch}, {rows} training rows, {optimizer}, {batch} (the training panel&apos;s settings).</source>
        <translation>网络 {sizes}，第 {epoch} 轮，{rows} 个训练样本，{optimizer}，{batch}（训练面板的设置）。</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Learning rate set to {rate} (Undo takes it back).</source>
        <translation>学习率已设为 {rate}（可撤销）。</translation>
    </message>
    <message>
        <source>Check gradients</source>
        <translation>梯度检查</translation>
    </message>
    <message>
        <source>This network has {n} parameters; the check makes two forward passes for each, so the window checks networks of up to {most} (about two seconds). Try it on a smaller network with the same activations and loss.</source>
        <translation>该网络有 {n} 个参数；检查要为每个参数做两次前向传播，所以窗口只检查不超过 {most} 个参数的网络（约两秒）。请在激活函数和损失函数相同的较小网络上试一试。</translation>
    </message>
</context>
<context>
    <name>class_metrics_table</name>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>prec.</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>rec.</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>of the rows predicted as this class, the share that are</source>
        <translation>预测为该类别的样本中，确实属于该类别的比例</translation>
    </message>
    <message>
        <source>of the rows of this class, the share predicted as it</source>
        <translation>该类别的样本中，被预测为该类别的比例</translation>
    </message>
    <message>
        <source>the harmonic mean of precision and recall</source>
        <translation>精确率与召回率的调和平均</translation>
    </message>
    <message>
        <source>rows of this class</source>
        <translation>该类别的样本数</translation>
    </message>
    <message>
        <source>never predicted</source>
        <translation>从未被预测为该类别</translation>
    </message>
    <message>
        <source>no rows of this class</source>
        <translation>没有该类别的样本</translation>
    </message>
</context>
<context>
    <name>coach</name>
    <message>
        <source>The targets run from {low} to {high}, but a {activation} output can only give values from {out_low} to {out_high}: the network can never reach {outside} of the {rows} rows&apos; targets.</source>
        <translation>目标值的范围是 {low} 到 {high}，但 {activation} 输出层只能给出 {out_low} 到 {out_high} 之间的值：{rows} 个样本中有 {outside} 个的目标，网络永远达不到。</translation>
    </message>
    <message>
        <source>Scale the targets into the output&apos;s range, or use a linear output with squared error for numbers like these.</source>
        <translation>把目标值缩放到输出层的取值范围内；或者对这类数值改用线性输出层和均方误差。</translation>
    </message>
    <message>
        <source>targets min</source>
        <translation>目标最小值</translation>
    </message>
    <message>
        <source>targets max</source>
        <translation>目标最大值</translation>
    </message>
    <message>
        <source>output range</source>
        <translation>输出范围</translation>
    </message>
    <message>
        <source>rows outside</source>
        <translation>超出范围的样本</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>{feature} has values of size {rms} (root mean square) as the network sees it; inputs much larger than 1 push units to their limits.</source>
        <translation>网络看到的 {feature} 的大小为 {rms}（均方根）；远大于 1 的输入会把神经元推到饱和区。</translation>
    </message>
    <message>
        <source>The inputs&apos; spreads differ {ratio}-fold ({widest} spans {widest_span}, {narrowest} {narrowest_span}), so one learning rate is too big for some weights and too small for others.</source>
        <translation>各输入特征的范围相差 {ratio} 倍（{widest} 跨度 {widest_span}，{narrowest} 跨度 {narrowest_span}），同一个学习率对一些权重太大，对另一些又太小。</translation>
    </message>
    <message>
        <source>Normalise the inputs (z-score or min-max in the Data panel, --normalize on the command line).</source>
        <translation>对输入做归一化（在数据面板中选 z-score 或 min-max，命令行用 --normalize）。</translation>
    </message>
    <message>
        <source>largest RMS</source>
        <translation>最大均方根</translation>
    </message>
    <message>
        <source>of</source>
        <translation>所属特征</translation>
    </message>
    <message>
        <source>range ratio</source>
        <translation>范围比</translation>
    </message>
    <message>
        <source>features over RMS limit</source>
        <translation>超出均方根上限的特征</translation>
    </message>
    <message>
        <source>Class {rare} has {rare_rows} rows against {common_rows} of class {common}: a network that always answers {common} is already {share} right, so accuracy hides the rare class.</source>
        <translation>类别 {rare} 只有 {rare_rows} 个样本，而类别 {common} 有 {common_rows} 个：一个总是回答 {common} 的网络就已有 {share} 的准确率，准确率掩盖了稀有类别。</translation>
    </message>
    <message>
        <source>Collect more rows of the rare class, or repeat them (oversample) so the classes weigh alike; judge the network by the per-class figures of the Results view.</source>
        <translation>收集更多稀有类别的样本，或重复使用它们（过采样），使各类别权重相当；用结果视图中按类别的指标来评价网络。</translation>
    </message>
    <message>
        <source>rarest class</source>
        <translation>最少的类别</translation>
    </message>
    <message>
        <source>rarest rows</source>
        <translation>最少类别的样本数</translation>
    </message>
    <message>
        <source>commonest class</source>
        <translation>最多的类别</translation>
    </message>
    <message>
        <source>commonest rows</source>
        <translation>最多类别的样本数</translation>
    </message>
    <message>
        <source>ratio</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>layer {layer} RMS gradient</source>
        <translation>第 {layer} 层梯度均方根</translation>
    </message>
    <message>
        <source>first / last</source>
        <translation>第一层 / 最后一层</translation>
    </message>
    <message>
        <source>The first layer&apos;s gradients are {times} times smaller than the last layer&apos;s: by the time the error reaches the first layers it has faded, so they barely learn.</source>
        <translation>第一层的梯度比最后一层小 {times} 倍：误差反向传播到前面几层时已经消失，所以它们几乎学不到东西。</translation>
    </message>
    <message>
        <source>The first layer&apos;s gradients are zero while the last layer&apos;s are not: by the time the error reaches the first layers it has faded, so they barely learn.</source>
        <translation>第一层的梯度为零，而最后一层的不为零：误差反向传播到前面几层时已经消失，所以它们几乎学不到东西。</translation>
    </message>
    <message>
        <source>Use ReLU (or leaky ReLU) hidden units instead of sigmoid or tanh, fewer layers, Xavier or He initialisation, or normalised inputs.</source>
        <translation>隐藏层改用 ReLU（或 leaky ReLU）代替 sigmoid 或 tanh，减少层数，使用 Xavier 或 He 初始化方法，或对输入做归一化。</translation>
    </message>
    <message>
        <source>Layer {layer}&apos;s gradients are huge (root mean square {rms} per weight): one step moves its weights far, so training jumps about or diverges.</source>
        <translation>第 {layer} 层的梯度非常大（每个权重的均方根为 {rms}）：一步就把权重移得很远，训练会来回跳动甚至发散。</translation>
    </message>
    <message>
        <source>The first layer&apos;s gradients are {times} times larger than the last layer&apos;s: the error grows as it goes back, so the first layers take wild steps.</source>
        <translation>第一层的梯度比最后一层大 {times} 倍：误差在反向传播中不断放大，前面几层的步子迈得过猛。</translation>
    </message>
    <message>
        <source>Lower the learning rate, normalise the inputs, start from smaller weights (Xavier), or add L2 regularisation.</source>
        <translation>降低学习率，对输入做归一化，从更小的权重开始（Xavier），或加入 L2 正则化。</translation>
    </message>
    <message>
        <source>first loss</source>
        <translation>初始损失</translation>
    </message>
    <message>
        <source>latest loss</source>
        <translation>最新损失</translation>
    </message>
    <message>
        <source>best loss</source>
        <translation>最低损失</translation>
    </message>
    <message>
        <source>recent median</source>
        <translation>近期中位数</translation>
    </message>
    <message>
        <source>mean change</source>
        <translation>平均变化</translation>
    </message>
    <message>
        <source>reversals</source>
        <translation>反向比例</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>rising</source>
        <translation>上升</translation>
    </message>
    <message>
        <source>oscillating</source>
        <translation>振荡</translation>
    </message>
    <message>
        <source>The training loss blew up: the steps are too big, so each one overshoots the minimum.</source>
        <translation>训练损失急剧增大：步子太大，每一步都越过了最小值。</translation>
    </message>
    <message>
        <source>The training loss has climbed back up from its best: the steps are too big, so each one overshoots the minimum.</source>
        <translation>训练损失从最低点又升了回去：步子太大，每一步都越过了最小值。</translation>
    </message>
    <message>
        <source>The training loss swings up and down from epoch to epoch without getting lower: the steps are too big, so each one overshoots the minimum.</source>
        <translation>训练损失每一轮都上下摆动，却不再下降：步子太大，每一步都越过了最小值。</translation>
    </message>
    <message>
        <source>Lower the learning rate (by 3 to 10 times), or use Adam, which adapts its steps.</source>
        <translation>把学习率降低 3 到 10 倍，或改用能自动调整步长的 Adam 优化器。</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>The validation loss has risen since epoch {epoch} while the training loss went on falling: the network is learning the training rows by heart, not the pattern.</source>
        <translation>从第 {epoch} 轮起验证集损失在上升，而训练损失仍在下降：网络在死记训练样本，而不是学习其中的规律（过拟合）。</translation>
    </message>
    <message>
        <source>Use early stopping, add L2 regularisation, use fewer hidden units, or get more data.</source>
        <translation>使用早停，加入 L2 正则化，减少隐藏层神经元，或获取更多数据。</translation>
    </message>
    <message>
        <source>best epoch</source>
        <translation>最佳轮</translation>
    </message>
    <message>
        <source>val loss then</source>
        <translation>当时验证集损失</translation>
    </message>
    <message>
        <source>val loss now</source>
        <translation>当前验证集损失</translation>
    </message>
    <message>
        <source>train loss then</source>
        <translation>当时训练损失</translation>
    </message>
    <message>
        <source>train loss now</source>
        <translation>当前训练损失</translation>
    </message>
    <message>
        <source>After {epochs} epochs the loss has stopped falling at {share} of what a constant guess scores: the network has not found the pattern in the data.</source>
        <translation>训练 {epochs} 轮后，损失停在常数猜测损失的 {share}，不再下降：网络还没有找到数据中的规律（欠拟合）。</translation>
    </message>
    <message>
        <source>After {epochs} epochs the loss has stopped falling at {share} times what a constant guess scores: the network has not found the pattern in the data.</source>
        <translation>训练 {epochs} 轮后，损失停在常数猜测损失的 {share} 倍，不再下降：网络还没有找到数据中的规律（欠拟合）。</translation>
    </message>
    <message>
        <source>Add hidden units or a hidden layer (XOR needs one), train with a larger learning rate, or check that the inputs can predict the target.</source>
        <translation>增加隐藏层神经元或一个隐藏层（XOR 需要一个），用更大的学习率训练，或检查输入是否真能预测目标。</translation>
    </message>
    <message>
        <source>constant guess</source>
        <translation>常数猜测</translation>
    </message>
    <message>
        <source>change over last epochs</source>
        <translation>最近几轮的变化</translation>
    </message>
    <message>
        <source>In hidden layer {layer}, {dead} of the {units} ReLU units are never active on the training rows: their output and gradient are zero, so they no longer learn.</source>
        <translation>第 {layer} 个隐藏层的 {units} 个 ReLU 神经元中，有 {dead} 个在训练样本上从不激活：它们的输出和梯度都是零，不再学习。</translation>
    </message>
    <message>
        <source>Lower the learning rate, start again with He initialisation, or use leaky ReLU or ELU, which always pass some gradient.</source>
        <translation>降低学习率，用 He 初始化方法重新开始，或改用总能传回一些梯度的 leaky ReLU 或 ELU。</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>dead units</source>
        <translation>死亡神经元</translation>
    </message>
    <message>
        <source>units</source>
        <translation>神经元数</translation>
    </message>
    <message>
        <source>dead in all ReLU layers</source>
        <translation>所有 ReLU 层中死亡的</translation>
    </message>
    <message>
        <source>rows looked at</source>
        <translation>检查的样本数</translation>
    </message>
    <message>
        <source>In hidden layer {layer}, {saturated} of the {units} {activation} units sit at their limits on at least {rows_share} of the rows, where their slope is nearly zero: they pass back almost no gradient, so learning crawls.</source>
        <translation>第 {layer} 个隐藏层的 {units} 个 {activation} 神经元中，有 {saturated} 个在至少 {rows_share} 的样本上处于饱和区，斜率几乎为零：它们几乎传不回梯度，学习非常缓慢。</translation>
    </message>
    <message>
        <source>Normalise the inputs, start from smaller weights (Xavier initialisation), or lower the learning rate; ReLU units do not saturate.</source>
        <translation>对输入做归一化，从更小的权重开始（Xavier 初始化方法），或降低学习率；ReLU 神经元不会饱和。</translation>
    </message>
    <message>
        <source>saturated units</source>
        <translation>饱和神经元</translation>
    </message>
    <message>
        <source>loss / constant guess</source>
        <translation>损失 / 常数猜测</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>coach_controller</name>
    <message>
        <source>Coach</source>
        <translation>训练教练</translation>
    </message>
    <message>
        <source>No training data: the coach looks at the network with its data.</source>
        <translation>没有训练数据：训练教练需要结合数据查看网络。</translation>
    </message>
    <message>
        <source>Coach ({n})</source>
        <translation>训练教练（{n}）</translation>
    </message>
    <message>
        <source>Checked after epoch {epoch} on {n} of {total} training rows.</source>
        <translation>第 {epoch} 轮后检查，用了 {total} 个训练样本中的 {n} 个。</translation>
    </message>
    <message>
        <source>Checked before training on {n} of {total} training rows.</source>
        <translation>训练前检查，用了 {total} 个训练样本中的 {n} 个。</translation>
    </message>
</context>
<context>
    <name>coach_panel</name>
    <message>
        <source>Targets out of the output&apos;s reach</source>
        <translation>目标超出输出层的取值范围</translation>
    </message>
    <message>
        <source>Inputs not scaled</source>
        <translation>输入未归一化</translation>
    </message>
    <message>
        <source>A rare class</source>
        <translation>稀少的类别</translation>
    </message>
    <message>
        <source>Learning rate too high</source>
        <translation>学习率过高</translation>
    </message>
    <message>
        <source>Exploding gradients</source>
        <translation>梯度爆炸</translation>
    </message>
    <message>
        <source>Vanishing gradients</source>
        <translation>梯度消失</translation>
    </message>
    <message>
        <source>Dead ReLU units</source>
        <translation>死亡的 ReLU 神经元</translation>
    </message>
    <message>
        <source>Saturated units</source>
        <translation>饱和的神经元</translation>
    </message>
    <message>
        <source>Overfitting</source>
        <translation>过拟合</translation>
    </message>
    <message>
        <source>Underfitting</source>
        <translation>欠拟合</translation>
    </message>
    <message>
        <source>The coach checks the network, its data and the run when they change, every 2 s while training and at its end. Suggestions only: training never waits for them.</source>
        <translation>训练教练在网络、数据或运行改变时检查它们，训练时每 2 秒一次，结束时再查一次。只是建议：训练从不等待它们。</translation>
    </message>
    <message>
        <source>Nothing the coach checks for looks wrong so far: the targets, the inputs&apos; scales, the classes, the units, the gradients and, once there is a run, the loss curves.</source>
        <translation>训练教练检查的各项目前都没有问题：目标、输入的尺度、类别、神经元、梯度，以及有运行之后的损失曲线。</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>依据：</translation>
    </message>
    <message>
        <source>Try:</source>
        <translation>试试：</translation>
    </message>
    <message>
        <source>Not checked yet.</source>
        <translation>尚未检查。</translation>
    </message>
    <message>
        <source>No findings</source>
        <translation>没有发现问题</translation>
    </message>
</context>
<context>
    <name>columns</name>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>one-hot</source>
        <translation>独热编码</translation>
    </message>
    <message>
        <source>{what} column index {spec} is out of range; the file has {count} columns: {available}</source>
        <translation>{what}列序号 {spec} 超出范围；文件有 {count} 列：{available}</translation>
    </message>
    <message>
        <source>no {what} column named {spec}; available columns: {available}</source>
        <translation>没有名为 {spec} 的{what}列；可用的列：{available}</translation>
    </message>
    <message>
        <source>no target column given</source>
        <translation>未指定目标列</translation>
    </message>
    <message>
        <source>one-hot column {name} is not a feature column</source>
        <translation>独热编码列 {name} 不是特征列</translation>
    </message>
    <message>
        <source>column(s) {names} cannot be both feature and target</source>
        <translation>列 {names} 不能既是特征又是目标</translation>
    </message>
    <message>
        <source>no feature columns left; columns: {names}</source>
        <translation>没有剩下的特征列；列：{names}</translation>
    </message>
    <message>
        <source>a column is listed twice</source>
        <translation>有一列被列出了两次</translation>
    </message>
</context>
<context>
    <name>compare_dialog</name>
    <message>
        <source>Compare optimizers</source>
        <translation>比较优化器</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>epochs each</source>
        <translation>每个的轮数</translation>
    </message>
    <message>
        <source>Each trains the same data from the same initial weights ({start}); each becomes a run in the Runs panel. The network you are training stays as it is.</source>
        <translation>每个优化器都从相同的初始权重（{start}）训练相同的数据，各自成为运行面板中的一次运行。你正在训练的网络保持不变。</translation>
    </message>
    <message>
        <source>Train each</source>
        <translation>逐个训练</translation>
    </message>
</context>
<context>
    <name>comparison</name>
    <message>
        <source>Load the model&apos;s data first: a comparison trains on it.</source>
        <translation>请先加载模型的数据：比较要在这些数据上训练。</translation>
    </message>
</context>
<context>
    <name>confusion_matrix_plot</name>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>true {noun}</source>
        <translation>真实{noun}</translation>
    </message>
    <message>
        <source>predicted {noun}</source>
        <translation>预测{noun}</translation>
    </message>
</context>
<context>
    <name>csv_options</name>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>numbers</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>refuse</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>drop</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>skip </source>
        <translation>跳过 </translation>
    </message>
    <message>
        <source>image: no</source>
        <translation>图像：无</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <source>Missing:</source>
        <translation>缺失：</translation>
    </message>
    <message>
        <source>image: {width}x{height}</source>
        <translation>图像：{width}x{height}</translation>
    </message>
</context>
<context>
    <name>curve_plot</name>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>log y</source>
        <translation>对数 y</translation>
    </message>
    <message>
        <source>a logarithmic y axis</source>
        <translation>y 轴使用对数刻度</translation>
    </message>
</context>
<context>
    <name>data_panel</name>
    <message>
        <source>Logic gate</source>
        <translation>逻辑门</translation>
    </message>
    <message>
        <source>Toy set</source>
        <translation>玩具数据集</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>Paint</source>
        <translation>绘制数据</translation>
    </message>
    <message>
        <source>binary</source>
        <translation>二分类</translation>
    </message>
    <message>
        <source>multiclass</source>
        <translation>多分类</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Gate:</source>
        <translation>逻辑门：</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Set:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <source>Samples:</source>
        <translation>样本数：</translation>
    </message>
    <message>
        <source>Noise:</source>
        <translation>噪声：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Open CSV…</source>
        <translation>打开 CSV…</translation>
    </message>
    <message>
        <source>no file (or drop one on the window)</source>
        <translation>无文件（或将文件拖到窗口上）</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation>预处理</translation>
    </message>
    <message>
        <source>Normalise:</source>
        <translation>归一化：</translation>
    </message>
    <message>
        <source>Validation:</source>
        <translation>验证集：</translation>
    </message>
    <message>
        <source>Test:</source>
        <translation>测试集：</translation>
    </message>
    <message>
        <source> · classes: {names}</source>
        <translation> · 类别：{names}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>注意：{note}</translation>
    </message>
    <message>
        <source>{rows} rows · inputs: {inputs} · outputs: {outputs} · {task}</source>
        <translation>{rows} 个样本 · 输入：{inputs} · 输出：{outputs} · {task}</translation>
    </message>
    <message>
        <source>Cannot load the data</source>
        <translation>无法加载数据</translation>
    </message>
    <message>
        <source>CSV and data files (*.csv *.tsv *.txt *.data *.dat);;All files (*)</source>
        <translation>CSV 和数据文件 (*.csv *.tsv *.txt *.data *.dat);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open a CSV file</source>
        <translation>打开 CSV 文件</translation>
    </message>
    <message>
        <source>{file}: not loaded</source>
        <translation>{file}：未加载</translation>
    </message>
    <message>
        <source>{path}
Task, skip, Missing or image may make it readable</source>
        <translation>{path}
改变任务、跳过、缺失或图像设置也许能读取它</translation>
    </message>
    <message>
        <source>&lt;b&gt;The model&apos;s data is missing&lt;/b&gt;: {source}. Load data with the same columns to go on training it.</source>
        <translation>&lt;b&gt;模型的数据缺失&lt;/b&gt;：{source}。加载列相同的数据即可继续训练。</translation>
    </message>
    <message>
        <source>{file} (missing)</source>
        <translation>{file}（缺失）</translation>
    </message>
</context>
<context>
    <name>data_source</name>
    <message>
        <source>the data source {source} cannot be rebuilt: {reason}</source>
        <translation>无法重建数据来源 {source}：{reason}</translation>
    </message>
    <message>
        <source>the data file no longer exists</source>
        <translation>数据文件已不存在</translation>
    </message>
    <message>
        <source>the lesson&apos;s data cannot be found: {reason}</source>
        <translation>找不到课程的数据：{reason}</translation>
    </message>
    <message>
        <source>the model does not say where its data came from ({source})</source>
        <translation>模型没有说明其数据来自哪里（{source}）</translation>
    </message>
    <message>
        <source>{gate} gate</source>
        <translation>{gate} 逻辑门</translation>
    </message>
    <message>
        <source>toy set {name}</source>
        <translation>玩具数据集 {name}</translation>
    </message>
    <message>
        <source>painted data</source>
        <translation>绘制的数据</translation>
    </message>
    <message>
        <source>lesson {name}</source>
        <translation>课程 {name}</translation>
    </message>
    <message>
        <source>unknown data</source>
        <translation>未知数据</translation>
    </message>
</context>
<context>
    <name>dataset</name>
    <message>
        <source>{file} line {line}</source>
        <translation>{file} 第 {line} 行</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>column {column}</source>
        <translation>列 {column}</translation>
    </message>
    <message>
        <source>{where}, column {column}</source>
        <translation>{where}，列 {column}</translation>
    </message>
    <message>
        <source>{where}: {reason}</source>
        <translation>{where}：{reason}</translation>
    </message>
    <message>
        <source>X and Y must be 2-D, got shapes {x_shape} and {y_shape}</source>
        <translation>X 和 Y 必须是二维的，实际形状为 {x_shape} 和 {y_shape}</translation>
    </message>
    <message>
        <source>X has {x_rows} rows but Y has {y_rows}</source>
        <translation>X 有 {x_rows} 行，但 Y 有 {y_rows} 行</translation>
    </message>
    <message>
        <source>{names} feature names for {columns} columns</source>
        <translation>{names} 个特征名称对应 {columns} 列</translation>
    </message>
    <message>
        <source>{names} target names for {columns} columns</source>
        <translation>{names} 个目标名称对应 {columns} 列</translation>
    </message>
    <message>
        <source>task must be one of {tasks}, got {got}</source>
        <translation>任务必须是 {tasks} 之一，实际为 {got}</translation>
    </message>
    <message>
        <source>a {width} x {height} image has {pixels} pixels, but there are {features} features</source>
        <translation>{width} x {height} 的图像有 {pixels} 个像素，但有 {features} 个特征</translation>
    </message>
</context>
<context>
    <name>document</name>
    <message>
        <source>settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>{data} (missing)</source>
        <translation>{data}（缺失）</translation>
    </message>
    <message>
        <source>data {name}</source>
        <translation>数据 {name}</translation>
    </message>
    <message>
        <source>Load data first: a new network is built from the data&apos;s columns.</source>
        <translation>请先加载数据：新网络要根据数据的列来构建。</translation>
    </message>
    <message>
        <source>network shape</source>
        <translation>网络结构</translation>
    </message>
    <message>
        <source>A weight must be a finite number within ±{limit} ({dtype}); {value} is not.</source>
        <translation>权重必须是 ±{limit} 以内的有限数（{dtype}）；{value} 不是。</translation>
    </message>
    <message>
        <source>weight {layer}:{i}→{j}</source>
        <translation>权重 {layer}:{i}→{j}</translation>
    </message>
    <message>
        <source>Stop training (and load the data) to apply a step.</source>
        <translation>请先停止训练（并加载数据）再应用这一步。</translation>
    </message>
    <message>
        <source>Load the data first: a step is taken on its rows.</source>
        <translation>请先加载数据：这一步要在其样本上进行。</translation>
    </message>
    <message>
        <source>The step was taken on another network; step through again.</source>
        <translation>这一步是在另一个网络上进行的；请重新单步演示。</translation>
    </message>
    <message>
        <source>one step (step-through)</source>
        <translation>一步（单步演示）</translation>
    </message>
    <message>
        <source>Load data first: new weights are drawn for the data&apos;s columns.</source>
        <translation>请先加载数据：新权重要按数据的列来抽取。</translation>
    </message>
    <message>
        <source>weight reset</source>
        <translation>重置权重</translation>
    </message>
    <message>
        <source>Early stopping watches the validation loss: set Validation above 0 in the Data panel first.</source>
        <translation>早停依据验证集损失：请先在数据面板中把验证集设为大于 0。</translation>
    </message>
    <message>
        <source>rename run {name}</source>
        <translation>重命名运行 {name}</translation>
    </message>
    <message>
        <source>hide run {name}</source>
        <translation>隐藏运行 {name}</translation>
    </message>
    <message>
        <source>show run {name}</source>
        <translation>显示运行 {name}</translation>
    </message>
    <message>
        <source>delete run {name}</source>
        <translation>删除运行 {name}</translation>
    </message>
    <message>
        <source>delete {n} runs</source>
        <translation>删除 {n} 个运行</translation>
    </message>
    <message>
        <source>branch from epoch {epoch}</source>
        <translation>从第 {epoch} 轮分支</translation>
    </message>
</context>
<context>
    <name>document_runs</name>
    <message>
        <source>Load the model&apos;s data first: a branch trains on it.</source>
        <translation>请先加载模型的数据：分支要在这些数据上训练。</translation>
    </message>
    <message>
        <source>Epoch {epoch} has no checkpoint to branch from; the timeline keeps {kept}.</source>
        <translation>第 {epoch} 轮没有可供分支的检查点；时间线保留了 {kept}。</translation>
    </message>
    <message>
        <source>none (train with a timeline budget above 0 first)</source>
        <translation>无（请先在时间线内存大于 0 时训练）</translation>
    </message>
    <message>
        <source>{count}, from {first} to {last}</source>
        <translation>{count} 个，从第 {first} 轮到第 {last} 轮</translation>
    </message>
</context>
<context>
    <name>drawing_pad</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>left button draws,
right erases</source>
        <translation>左键绘制，
右键擦除</translation>
    </message>
</context>
<context>
    <name>export_reference</name>
    <message>
        <source>outputs of shape {got}, expected {expected}</source>
        <translation>输出形状为 {got}，应为 {expected}</translation>
    </message>
    <message>
        <source>{bad} of {size} outputs differ; the first at row {row}, output {output}: {got}, expected {expected} (largest relative error {worst}, allowed {rtol})</source>
        <translation>{size} 个输出中有 {bad} 个不一致；第一个在第 {row} 行、输出 {output}：{got}，应为 {expected}（最大相对误差 {worst}，允许 {rtol}）</translation>
    </message>
    <message>
        <source>check failed: {problem}</source>
        <translation>自检未通过：{problem}</translation>
    </message>
    <message>
        <source>check passed: {rows} rows agree within {rtol}</source>
        <translation>自检通过：{rows} 行在 {rtol} 以内一致</translation>
    </message>
</context>
<context>
    <name>exports</name>
    <message>
        <source>not checked: {package} is not installed</source>
        <translation>未自检：未安装 {package}</translation>
    </message>
    <message>
        <source>python {file} --check took over 5 minutes</source>
        <translation>python {file} --check 用时超过 5 分钟</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>{folder} is a file, not a folder</source>
        <translation>{folder} 是文件，不是文件夹</translation>
    </message>
    <message>
        <source>permission denied: cannot write in {folder}</source>
        <translation>权限不足：无法写入 {folder}</translation>
    </message>
    <message>
        <source>{out} is a directory; the {format} export writes a file (e.g. net{suffix})</source>
        <translation>{out} 是文件夹；{format} 导出写入的是文件（例如 net{suffix}）</translation>
    </message>
    <message>
        <source>{out} is a file; the {format} export writes a directory</source>
        <translation>{out} 是文件；{format} 导出写入的是文件夹</translation>
    </message>
    <message>
        <source>{out}: {problem}</source>
        <translation>{out}：{problem}</translation>
    </message>
</context>
<context>
    <name>feature_inputs</name>
    <message>
        <source>{name}: {lo} … {hi} in the data</source>
        <translation>{name}：数据中的范围 {lo} … {hi}</translation>
    </message>
</context>
<context>
    <name>feature_list</name>
    <message>
        <source>Choose at least one feature column.</source>
        <translation>请至少选择一个特征列。</translation>
    </message>
    <message>
        <source>filter columns</source>
        <translation>筛选列</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>None</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Features:</source>
        <translation>特征：</translation>
    </message>
</context>
<context>
    <name>file_commands</name>
    <message>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}：文件不存在</translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>bpgui models (*{suffix});;All files (*)</source>
        <translation>bpgui 模型 (*{suffix});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open the model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>The model&apos;s settings were not restored</source>
        <translation>模型的设置未能恢复</translation>
    </message>
    <message>
        <source>The model&apos;s data is not available</source>
        <translation>模型的数据不可用</translation>
    </message>
    <message>
        <source>The model opened, but it cannot train on its data:
{problem}

Load data with the same columns to go on training it.</source>
        <translation>模型已打开，但无法用它的数据训练：
{problem}

请载入列相同的数据以继续训练。</translation>
    </message>
    <message>
        <source>Unsaved network</source>
        <translation>未保存的网络</translation>
    </message>
    <message>
        <source>A trained network you replaced is not saved (Edit → Undo brings it back to save it). Discard it?</source>
        <translation>被替换的已训练网络尚未保存（编辑 → 撤销可将其找回再保存）。要丢弃它吗？</translation>
    </message>
    <message>
        <source>The network has changes that are not saved. Save them first?</source>
        <translation>网络有未保存的更改。先保存吗？</translation>
    </message>
    <message>
        <source>Save the model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>bpgui models (*{suffix})</source>
        <translation>bpgui 模型 (*{suffix})</translation>
    </message>
    <message>
        <source>Cannot save the model</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <source>Training did not stop; try again when it has.</source>
        <translation>训练没有停止；请在停止后重试。</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Export loss history</source>
        <translation>导出损失历史</translation>
    </message>
    <message>
        <source>Cannot export the history</source>
        <translation>无法导出历史</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Cannot export the plot</source>
        <translation>无法导出图表</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Its training settings could not be read ({error}); the defaults are shown.</source>
        <translation>无法读取其训练设置（{error}）；显示的是默认值。</translation>
    </message>
</context>
<context>
    <name>gradient_bars</name>
    <message>
        <source>gradient norm per layer (last batch)</source>
        <translation>各层梯度范数（最后一批）</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
</context>
<context>
    <name>gradient_check_dialog</name>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Relative error</source>
        <translation>相对误差</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Check gradients</source>
        <translation>梯度检查</translation>
    </message>
    <message>
        <source>all {rows} training rows</source>
        <translation>全部 {rows} 个训练样本</translation>
    </message>
    <message>
        <source>{rows} of the {total} training rows, drawn at random</source>
        <translation>从 {total} 个训练样本中随机抽取的 {rows} 个</translation>
    </message>
    <message>
        <source>Backpropagation&apos;s gradient against the numerical slope (L(w + h) − L(w − h)) / 2h of every weight and bias, in float64, on {sample}. Per layer: ‖g_backprop − g_numeric‖ / (‖g_backprop‖ + ‖g_numeric‖); below {limit} backprop is right.</source>
        <translation>在{sample}上，用 float64 将每个权重和偏置的反向传播梯度与数值斜率 (L(w + h) − L(w − h)) / 2h 比较。每层计算 ‖g_backprop − g_numeric‖ / (‖g_backprop‖ + ‖g_numeric‖)；低于 {limit} 即反向传播正确。</translation>
    </message>
    <message>
        <source>Checking {n} parameters…</source>
        <translation>正在检查 {n} 个参数…</translation>
    </message>
    <message>
        <source>The check could not run: {message}</source>
        <translation>检查无法运行：{message}</translation>
    </message>
    <message>
        <source>✓ agrees</source>
        <translation>✓ 一致</translation>
    </message>
    <message>
        <source>✗ differs</source>
        <translation>✗ 不一致</translation>
    </message>
    <message>
        <source>Backpropagation agrees with the numerical gradient in every layer.</source>
        <translation>每一层的反向传播梯度都与数值梯度一致。</translation>
    </message>
    <message>
        <source>Backpropagation differs from the numerical gradient: a layer is above {limit} (on saturated or kinked units, e.g. ReLU at 0, the numerical slope itself can be off).</source>
        <translation>反向传播梯度与数值梯度不一致：有一层高于 {limit}（在饱和或有折点的神经元上，例如 ReLU 在 0 处，数值斜率本身也可能不准）。</translation>
    </message>
    <message>
        <source>Largest relative error {error} on {rows} rows. {verdict}</source>
        <translation>在 {rows} 个样本上的最大相对误差为 {error}。{verdict}</translation>
    </message>
</context>
<context>
    <name>held_inputs</name>
    <message>
        <source>Means</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>Hold every input off the axes at its mean over the training rows</source>
        <translation>将坐标轴以外的每个输入固定在其训练样本上的均值</translation>
    </message>
    <message>
        <source>{name}: {lo} to {hi}</source>
        <translation>{name}：{lo} 至 {hi}</translation>
    </message>
    <message>
        <source>The map is a slice through the inputs: these stay at one value each while the axes&apos; inputs vary.</source>
        <translation>输出图是穿过输入空间的一个切面：坐标轴上的输入变化时，这些输入各自固定在一个值上。</translation>
    </message>
    <message>
        <source>The other input: at the sample&apos;s values</source>
        <translation>另一个输入：取该样本的值</translation>
    </message>
    <message>
        <source>The other input: at its training means</source>
        <translation>另一个输入：取其训练均值</translation>
    </message>
    <message>
        <source>The other input: at the values below</source>
        <translation>另一个输入：取下方的值</translation>
    </message>
    <message>
        <source>The other {n} pixels: at the sample&apos;s values</source>
        <translation>其余 {n} 个像素：取该样本的值</translation>
    </message>
    <message>
        <source>The other {n} inputs: at the sample&apos;s values</source>
        <translation>其余 {n} 个输入：取该样本的值</translation>
    </message>
    <message>
        <source>The other {n} pixels: at their training means</source>
        <translation>其余 {n} 个像素：取各自的训练均值</translation>
    </message>
    <message>
        <source>The other {n} inputs: at their training means</source>
        <translation>其余 {n} 个输入：取各自的训练均值</translation>
    </message>
    <message>
        <source>The other {n} pixels: at the values below</source>
        <translation>其余 {n} 个像素：取下方的值</translation>
    </message>
    <message>
        <source>The other {n} inputs: at the values below</source>
        <translation>其余 {n} 个输入：取下方的值</translation>
    </message>
</context>
<context>
    <name>help_menu</name>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>用户指南</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>(cannot read: {problem})</source>
        <translation>（无法读取：{problem}）</translation>
    </message>
    <message>
        <source>About bpgui</source>
        <translation>关于 bpgui</translation>
    </message>
    <message>
        <source>Cannot open the lesson</source>
        <translation>无法打开课程</translation>
    </message>
    <message>
        <source>Lesson: {title}</source>
        <translation>课程：{title}</translation>
    </message>
</context>
<context>
    <name>hidden_space_view</name>
    <message>
        <source>the hidden layer the data goes through</source>
        <translation>数据经过的隐藏层</translation>
    </message>
    <message>
        <source>turn</source>
        <translation>旋转</translation>
    </message>
    <message>
        <source>turn the layer&apos;s three units about the third</source>
        <translation>绕第三个神经元的轴旋转该层的三个神经元</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>A random sample, each class with its share (and at least one point): the principal components are the sample&apos;s. Drawing every point would slow the window while training.</source>
        <translation>随机抽样，每个类别按其比例抽取（至少一个点）：主成分由这些样本计算。绘制全部的点会使训练时窗口变慢。</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>{shown} of {total} points shown</source>
        <translation>显示 {shown} / {total} 个点</translation>
    </message>
    <message>
        <source>This network has no hidden layer:
add one with + Layer.</source>
        <translation>该网络没有隐藏层：
用“+ 层”添加一个。</translation>
    </message>
    <message>
        <source>PCA of {n} neurons</source>
        <translation>{n} 个神经元的 PCA</translation>
    </message>
    <message>
        <source>PCA of {n} neuron</source>
        <translation>{n} 个神经元的 PCA</translation>
    </message>
    <message>
        <source>{n} neurons</source>
        <translation>{n} 个神经元</translation>
    </message>
    <message>
        <source>{n} neuron</source>
        <translation>{n} 个神经元</translation>
    </message>
    <message>
        <source>PC{k} ({share} %)</source>
        <translation>主成分{k}（{share} %）</translation>
    </message>
    <message>
        <source>neuron {k}</source>
        <translation>神经元 {k}</translation>
    </message>
</context>
<context>
    <name>identifiers</name>
    <message>
        <source>to use it, tick it (or name it in --features): {inputs} inputs</source>
        <translation>要使用它，请勾选它（或在 --features 中写出它的名称）：{inputs} 个输入</translation>
    </message>
    <message>
        <source>to use it, tick it (or name it in --features): {inputs} input</source>
        <translation>要使用它，请勾选它（或在 --features 中写出它的名称）：{inputs} 个输入</translation>
    </message>
    <message>
        <source>its {count} values are all different: an identifier, not a feature; {hint}</source>
        <translation>它的 {count} 个值各不相同：这是标识符，不是特征；{hint}</translation>
    </message>
    <message>
        <source>{count} different texts would make as many inputs; {hint}</source>
        <translation>{count} 个不同的文本会产生同样多的输入；{hint}</translation>
    </message>
    <message>
        <source>an unnamed column counting 0, 1, 2... (a row index written by pandas), not a feature</source>
        <translation>一个未命名、按 0, 1, 2... 计数的列（pandas 写入的行索引），不是特征</translation>
    </message>
    <message>
        <source>named like an identifier, and its whole numbers all differ: an identifier, not a feature; {hint}</source>
        <translation>名称像标识符，且其整数各不相同：这是标识符，不是特征；{hint}</translation>
    </message>
</context>
<context>
    <name>image_shape</name>
    <message>
        <source>an image shape is written WIDTHxHEIGHT, e.g. 8x8; got {shape}</source>
        <translation>图像尺寸写作 宽x高，例如 8x8；实际为 {shape}</translation>
    </message>
    <message>
        <source>an image shape is two whole numbers, width and height; got {shape}</source>
        <translation>图像尺寸是两个整数：宽和高；实际为 {shape}</translation>
    </message>
    <message>
        <source>an image is at least 1 x 1 pixels; got {w} x {h}</source>
        <translation>图像至少为 1 x 1 像素；实际为 {w} x {h}</translation>
    </message>
    <message>
        <source>a {w} x {h} image has {pixels} pixels, but the data has {n} feature columns</source>
        <translation>{w} x {h} 的图像有 {pixels} 个像素，但数据有 {n} 个特征列</translation>
    </message>
</context>
<context>
    <name>image_weights</name>
    <message>
        <source>Samples of each class: click one to try it (a red frame: the network gets it wrong)</source>
        <translation>各类别的样本：点击一个试一试（红框：网络判断错误）</translation>
    </message>
    <message>
        <source>The first samples: click one to try it (a red frame: the network gets it wrong)</source>
        <translation>前几个样本：点击一个试一试（红框：网络判断错误）</translation>
    </message>
    <message>
        <source>sample {row}: {label}; the network says {guess}</source>
        <translation>样本 {row}：{label}；网络判为 {guess}</translation>
    </message>
    <message>
        <source>sample {row}: {label}</source>
        <translation>样本 {row}：{label}</translation>
    </message>
    <message>
        <source>{name}: largest weight {top}, smallest {bottom}</source>
        <translation>{name}：最大权重 {top}，最小 {bottom}</translation>
    </message>
    <message>
        <source> (the first {shown} of {total})</source>
        <translation>（{total} 个中的前 {shown} 个）</translation>
    </message>
    <message>
        <source>Each output neuron&apos;s weights on the pixels{more}: {blue} ink raises its input, {orange} lowers it (±{top})</source>
        <translation>每个输出层神经元在各像素上的权重{more}：{blue} 笔迹使其输入增大，{orange} 使其减小（±{top}）</translation>
    </message>
    <message>
        <source>Each first-layer neuron&apos;s weights on the pixels{more}: {blue} ink raises its input, {orange} lowers it (±{top})</source>
        <translation>每个第一层神经元在各像素上的权重{more}：{blue} 笔迹使其输入增大，{orange} 使其减小（±{top}）</translation>
    </message>
</context>
<context>
    <name>language_menu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The language takes effect when bpgui starts again.</source>
        <translation>界面语言将在 bpgui 下次启动时生效。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>layer_choice</name>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>{k}: hidden weights</source>
        <translation>{k}：隐藏层权重</translation>
    </message>
    <message>
        <source>{k}: output weights</source>
        <translation>{k}：输出层权重</translation>
    </message>
</context>
<context>
    <name>layout</name>
    <message>
        <source>unknown encoding {encoding} (try utf-8, cp1252, latin-1, utf-16)</source>
        <translation>未知的编码 {encoding}（请试试 utf-8、cp1252、latin-1、utf-16）</translation>
    </message>
    <message>
        <source>byte {byte} is not {encoding} text; leave the encoding out to have it guessed</source>
        <translation>字节 {byte} 不是 {encoding} 文本；不指定编码即可自动识别</translation>
    </message>
    <message>
        <source>is a directory, not a CSV file</source>
        <translation>是一个文件夹，不是 CSV 文件</translation>
    </message>
    <message>
        <source>file not found: {path}</source>
        <translation>找不到文件：{path}</translation>
    </message>
    <message>
        <source>permission denied: the file cannot be read</source>
        <translation>权限不足：无法读取该文件</translation>
    </message>
    <message>
        <source>cannot read the file: {error}</source>
        <translation>无法读取该文件：{error}</translation>
    </message>
    <message>
        <source>malformed CSV: {error}</source>
        <translation>CSV 格式错误：{error}</translation>
    </message>
    <message>
        <source>nothing is left after skipping {n} lines</source>
        <translation>跳过 {n} 行后什么也没有剩下</translation>
    </message>
    <message>
        <source>lines {first} to {last} start with &apos;#&apos;: comments above the header? skip the lines above the header (skip rows {skip})</source>
        <translation>第 {first} 行到第 {last} 行以“#”开头：表头上方的注释？请跳过表头上方的行（跳过行数 {skip}）</translation>
    </message>
    <message>
        <source>line {line} is read as the header, but {numbers} is a number: if it is a title or a line of counts, skip it (skip rows {skip})</source>
        <translation>第 {line} 行被当作表头读取，但 {numbers} 是数字：如果它是标题或一行计数，请跳过它（跳过行数 {skip}）</translation>
    </message>
    <message>
        <source>line {line} is read as the header, but {numbers} are numbers: if it is a title or a line of counts, skip it (skip rows {skip})</source>
        <translation>第 {line} 行被当作表头读取，但 {numbers} 是数字：如果它是标题或一行计数，请跳过它（跳过行数 {skip}）</translation>
    </message>
    <message>
        <source>delimiter must be one character other than a quote or newline, got {delimiter}</source>
        <translation>分隔符必须是一个字符，且不能是引号或换行符，实际为 {delimiter}</translation>
    </message>
    <message>
        <source>cannot read the first rows as CSV (check the quotes)</source>
        <translation>无法将开头几行读取为 CSV（请检查引号）</translation>
    </message>
    <message>
        <source>the header names column {name} twice; rename one of them (column names must differ)</source>
        <translation>表头中列名 {name} 出现了两次；请重命名其中一列（列名必须互不相同）</translation>
    </message>
</context>
<context>
    <name>lesson_pane</name>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Load this lesson&apos;s data, settings and starting weights again (what you trained or changed is replaced, as opening a file does)</source>
        <translation>重新载入本课程的数据、设置和初始权重（与打开文件一样，会替换你训练或修改过的内容）</translation>
    </message>
</context>
<context>
    <name>lr_find_dialog</name>
    <message>
        <source>It went up to the last rate.</source>
        <translation>测试一直进行到最后一个学习率。</translation>
    </message>
    <message>
        <source>It stopped when the smoothed loss passed {factor}× its lowest.</source>
        <translation>平滑损失超过其最低值的 {factor}× 时停止。</translation>
    </message>
    <message>
        <source>Cancelled: the suggestion comes from the rates tried so far.</source>
        <translation>已取消：建议值来自目前试过的学习率。</translation>
    </message>
    <message>
        <source>Find learning rate</source>
        <translation>寻找学习率</translation>
    </message>
    <message>
        <source>The learning rate grows from 1e-7 to 10 over 200 training steps, starting from the current weights (on a copy: the network is left as it is). Where the loss falls fastest the rate is useful; where it turns up, too large. The suggestion is one tenth of the rate with the lowest smoothed loss.</source>
        <translation>学习率在 200 个训练步内从 1e-7 增大到 10，从当前权重开始（在副本上进行：网络保持不变）。损失下降最快处的学习率是有用的；损失开始上升处的学习率过大。建议值为平滑损失最低处学习率的十分之一。</translation>
    </message>
    <message>
        <source>Running the test…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the test; the rates tried so far are shown</source>
        <translation>停止测试；显示目前试过的学习率</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>batch loss</source>
        <translation>批损失</translation>
    </message>
    <message>
        <source>smoothed loss</source>
        <translation>平滑损失</translation>
    </message>
    <message>
        <source>lowest smoothed loss</source>
        <translation>最低平滑损失</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>建议值</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>Set the training panel&apos;s learning rate to the suggestion (Undo takes it back)</source>
        <translation>把训练面板的学习率设为建议值（可撤销）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The test could not run: {message}</source>
        <translation>测试无法运行：{message}</translation>
    </message>
    <message>
        <source>The loss was not finite even at the first rate ({rate}): look at the data&apos;s scale and the network.</source>
        <translation>即使在第一个学习率（{rate}）下损失也不是有限值：请检查数据的尺度和网络。</translation>
    </message>
    <message>
        <source>suggested {rate}</source>
        <translation>建议值 {rate}</translation>
    </message>
    <message>
        <source>Use {rate}</source>
        <translation>使用 {rate}</translation>
    </message>
    <message>
        <source>{steps} steps. {stop} The smoothed loss was lowest at {minimum}; suggested learning rate {rate}.</source>
        <translation>共 {steps} 步。{stop}平滑损失在 {minimum} 处最低；建议学习率 {rate}。</translation>
    </message>
</context>
<context>
    <name>main_window</name>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暂停</translation>
    </message>
    <message>
        <source>▶ Resume</source>
        <translation>▶ 继续</translation>
    </message>
    <message>
        <source>Undo {what}</source>
        <translation>撤销 {what}</translation>
    </message>
    <message>
        <source>Redo {what}</source>
        <translation>重做 {what}</translation>
    </message>
    <message>
        <source>Change not made</source>
        <translation>未做更改</translation>
    </message>
    <message>
        <source>{name} has the network&apos;s columns: the trained network goes on training on it (Undo to go back).</source>
        <translation>{name} 具有网络所需的列：已训练的网络将在它上面继续训练（撤销可返回）。</translation>
    </message>
    <message>
        <source>data preparation</source>
        <translation>数据准备</translation>
    </message>
    <message>
        <source>training settings</source>
        <translation>训练设置</translation>
    </message>
    <message>
        <source>Stop training to edit a weight.</source>
        <translation>请停止训练后再编辑权重。</translation>
    </message>
    <message>
        <source>Go back to the newest epoch (timeline) to edit a weight.</source>
        <translation>请回到最新一轮（时间线）再编辑权重。</translation>
    </message>
    <message>
        <source>weight layer {layer}, {i} → {j} set to {value}</source>
        <translation>第 {layer} 层权重 {i} → {j} 已设为 {value}</translation>
    </message>
    <message>
        <source>No training data</source>
        <translation>没有训练数据</translation>
    </message>
    <message>
        <source>Load data with the model&apos;s columns (Data panel) before training this model.</source>
        <translation>训练此模型前，请载入包含模型所需列的数据（数据面板）。</translation>
    </message>
    <message>
        <source>Training could not run</source>
        <translation>训练无法运行</translation>
    </message>
    <message>
        <source>Training stopped</source>
        <translation>训练已停止</translation>
    </message>
</context>
<context>
    <name>map_colours</name>
    <message>
        <source>training + validation</source>
        <translation>训练 + 验证</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
</context>
<context>
    <name>map_labels</name>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
</context>
<context>
    <name>missing</name>
    <message>
        <source>an empty cell</source>
        <translation>空单元格</translation>
    </message>
    <message>
        <source>missing value ({shown}); to use the file, drop the rows with missing values or fill them with the column mean (Missing in the data panel; --missing drop|mean)</source>
        <translation>缺失值（{shown}）；要使用该文件，请删除含缺失值的行，或用该列的均值填充（数据面板中的“缺失”；--missing drop|mean）</translation>
    </message>
    <message>
        <source>{cells} missing value in {columns} column take the column&apos;s mean over the training rows</source>
        <translation>{columns} 列中的 {cells} 个缺失值取该列在训练行上的均值</translation>
    </message>
    <message>
        <source>{cells} missing values in {columns} column take the column&apos;s mean over the training rows</source>
        <translation>{columns} 列中的 {cells} 个缺失值取该列在训练行上的均值</translation>
    </message>
    <message>
        <source>{cells} missing values in {columns} columns take the column&apos;s mean over the training rows</source>
        <translation>{columns} 列中的 {cells} 个缺失值取各列在训练行上的均值</translation>
    </message>
    <message>
        <source>a missing value</source>
        <translation>缺失值</translation>
    </message>
    <message>
        <source>a missing target</source>
        <translation>缺失的目标</translation>
    </message>
    <message>
        <source>every row has {what}; nothing is left to train on</source>
        <translation>每一行都有{what}；没有剩下可用于训练的数据</translation>
    </message>
    <message>
        <source>dropped {dropped} of {rows} rows with {what} (the first on line {line})</source>
        <translation>删除了 {rows} 行中含{what}的 {dropped} 行（第一处在第 {line} 行）</translation>
    </message>
    <message>
        <source>every cell of the column is missing: it has no mean to fill them with</source>
        <translation>该列的每个单元格都缺失：没有可用于填充的均值</translation>
    </message>
</context>
<context>
    <name>modelfile</name>
    <message>
        <source>is a directory, not a model file</source>
        <translation>是一个文件夹，不是模型文件</translation>
    </message>
    <message>
        <source>field {field}: {reason}</source>
        <translation>字段 {field}：{reason}</translation>
    </message>
    <message>
        <source>cannot save: {what}</source>
        <translation>无法保存：{what}</translation>
    </message>
    <message>
        <source>{name}: {what}</source>
        <translation>{name}：{what}</translation>
    </message>
    <message>
        <source>{member} is not valid JSON: {name} is not a JSON number</source>
        <translation>{member} 不是有效的 JSON：{name} 不是 JSON 数字</translation>
    </message>
    <message>
        <source>{member} is not valid: key {key} appears twice in one object</source>
        <translation>{member} 无效：键 {key} 在同一个对象中出现了两次</translation>
    </message>
    <message>
        <source>member {member} declares {size} bytes; the limit is {limit}</source>
        <translation>成员 {member} 声明了 {size} 字节；上限是 {limit}</translation>
    </message>
    <message>
        <source>member {member} is corrupt ({detail})</source>
        <translation>成员 {member} 已损坏（{detail}）</translation>
    </message>
    <message>
        <source>{member} is not UTF-8 text (byte {byte} at offset {offset})</source>
        <translation>{member} 不是 UTF-8 文本（偏移 {offset} 处的字节 {byte}）</translation>
    </message>
    <message>
        <source>{member} is not valid JSON ({detail})</source>
        <translation>{member} 不是有效的 JSON（{detail}）</translation>
    </message>
    <message>
        <source>{member} nests too deeply</source>
        <translation>{member} 嵌套过深</translation>
    </message>
    <message>
        <source>not a bpgui model file: not a ZIP archive, or a truncated one ({detail})</source>
        <translation>不是 bpgui 模型文件：不是 ZIP 压缩包，或者文件不完整（{detail}）</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>cannot open: {reason}</source>
        <translation>无法打开：{reason}</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>member {member} appears twice</source>
        <translation>成员 {member} 出现了两次</translation>
    </message>
    <message>
        <source>member {member} is encrypted</source>
        <translation>成员 {member} 已加密</translation>
    </message>
    <message>
        <source>member {member} uses compression method {method}; model files use stored or deflated members</source>
        <translation>成员 {member} 使用压缩方法 {method}；模型文件的成员只用存储（stored）或 deflate 压缩</translation>
    </message>
    <message>
        <source>missing member {member} (is this a bpgui model file?)</source>
        <translation>缺少成员 {member}（这是 bpgui 模型文件吗？）</translation>
    </message>
    <message>
        <source>missing member {member} (and {count} more)</source>
        <translation>缺少成员 {member}（另有 {count} 个）</translation>
    </message>
    <message>
        <source>missing member {member}</source>
        <translation>缺少成员 {member}</translation>
    </message>
    <message>
        <source>unexpected member {member} (and {count} more)</source>
        <translation>意外的成员 {member}（另有 {count} 个）</translation>
    </message>
    <message>
        <source>unexpected member {member}</source>
        <translation>意外的成员 {member}</translation>
    </message>
    <message>
        <source>member {member} holds {size} bytes, fewer than the {need} its shape {shape} needs</source>
        <translation>成员 {member} 只有 {size} 字节，少于其形状 {shape} 所需的 {need} 字节</translation>
    </message>
    <message>
        <source>unreadable model file ({detail})</source>
        <translation>无法读取的模型文件（{detail}）</translation>
    </message>
    <message>
        <source>{type} is not JSON-serialisable</source>
        <translation>{type} 无法序列化为 JSON</translation>
    </message>
    <message>
        <source>metric names use letters, digits and _.+- (at most 100) and are not a loss or &apos;epoch&apos;, got {name}</source>
        <translation>指标名称由字母、数字和 _.+- 组成（最多 100 个字符），且不能是损失或 &apos;epoch&apos;，实际为 {name}</translation>
    </message>
    <message>
        <source>the normalizer is not fitted</source>
        <translation>归一化器尚未拟合</translation>
    </message>
    <message>
        <source>cannot be written as JSON ({detail})</source>
        <translation>无法写成 JSON（{detail}）</translation>
    </message>
    <message>
        <source>expected {dtype} {shape}, got {got_dtype} {got_shape}</source>
        <translation>应为 {dtype} {shape}，实际为 {got_dtype} {got_shape}</translation>
    </message>
    <message>
        <source>{member} would be {size} bytes; the limit is {limit}</source>
        <translation>{member} 将有 {size} 字节；上限是 {limit}</translation>
    </message>
</context>
<context>
    <name>modelfile_npy</name>
    <message>
        <source>holds NaN or infinite values (first at index {index})</source>
        <translation>含有 NaN 或无穷大的值（第一个在索引 {index}）</translation>
    </message>
    <message>
        <source>must be &gt; 0 (a scale), got {value} at index {index}</source>
        <translation>必须 &gt; 0（这是缩放系数），索引 {index} 处实际为 {value}</translation>
    </message>
    <message>
        <source>member {member}: .npy format version {version} is not supported (1.0 and 2.0 are)</source>
        <translation>成员 {member}：不支持 .npy 格式版本 {version}（支持 1.0 和 2.0）</translation>
    </message>
    <message>
        <source>member {member} is not a valid .npy array ({detail})</source>
        <translation>成员 {member} 不是有效的 .npy 数组（{detail}）</translation>
    </message>
    <message>
        <source>member {member} holds Python objects; model files hold numbers only (pickled data is never loaded)</source>
        <translation>成员 {member} 含有 Python 对象；模型文件只存放数字（从不加载 pickle 数据）</translation>
    </message>
    <message>
        <source>member {member}: expected {dtype} values, got {got}</source>
        <translation>成员 {member}：应为 {dtype} 值，实际为 {got}</translation>
    </message>
    <message>
        <source>member {member}: expected shape {shape}, got {got}</source>
        <translation>成员 {member}：应为形状 {shape}，实际为 {got}</translation>
    </message>
    <message>
        <source>member {member} declares {size} bytes; an array of shape {shape} needs {need}</source>
        <translation>成员 {member} 声明了 {size} 字节；形状为 {shape} 的数组需要 {need} 字节</translation>
    </message>
    <message>
        <source>member {member} is truncated: {got} of {need} data bytes</source>
        <translation>成员 {member} 被截断：只有 {need} 个数据字节中的 {got} 个</translation>
    </message>
    <message>
        <source>member {member} has bytes after the array data</source>
        <translation>成员 {member} 在数组数据之后还有多余的字节</translation>
    </message>
    <message>
        <source>member {member} is corrupt ({detail})</source>
        <translation>成员 {member} 已损坏（{detail}）</translation>
    </message>
</context>
<context>
    <name>modelfile_runs</name>
    <message>
        <source>expected an object, got {got}</source>
        <translation>应为对象，实际为 {got}</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>unexpected field (this version reads format {version})</source>
        <translation>意外的字段（此版本读取格式 {version}）</translation>
    </message>
    <message>
        <source>expected a whole number from {lo} to {hi}, got {got}</source>
        <translation>应为 {lo} 到 {hi} 之间的整数，实际为 {got}</translation>
    </message>
    <message>
        <source>expected a learning rate &gt; 0, got {got}</source>
        <translation>应为大于 0 的学习率，实际为 {got}</translation>
    </message>
    <message>
        <source>expected a list of at most {count} metric names, got {got}</source>
        <translation>应为最多 {count} 个指标名称的列表，实际为 {got}</translation>
    </message>
    <message>
        <source>expected a metric name of letters, digits and _.+-, got {got}</source>
        <translation>应为由字母、数字和 _.+- 组成的指标名称，实际为 {got}</translation>
    </message>
    <message>
        <source>names repeat</source>
        <translation>名称重复</translation>
    </message>
    <message>
        <source>expected a name of 1 to {count} characters, got {got}</source>
        <translation>应为 1 到 {count} 个字符的名称，实际为 {got}</translation>
    </message>
    <message>
        <source>expected true or false, got {got}</source>
        <translation>应为 true 或 false，实际为 {got}</translation>
    </message>
    <message>
        <source>expected a run&apos;s name</source>
        <translation>应为一次运行的名称</translation>
    </message>
    <message>
        <source>expected a list of at most {count} segments</source>
        <translation>应为最多 {count} 个分段的列表</translation>
    </message>
    <message>
        <source>runs need format version {version}</source>
        <translation>运行需要格式版本 {version}</translation>
    </message>
    <message>
        <source>expected a list of at most {count} runs</source>
        <translation>应为最多 {count} 次运行的列表</translation>
    </message>
    <message>
        <source>two runs have the same name</source>
        <translation>有两次运行同名</translation>
    </message>
    <message>
        <source>more than one run is the current one</source>
        <translation>不止一次运行被标为当前运行</translation>
    </message>
    <message>
        <source>{values} values; the limit is {limit}</source>
        <translation>{values} 个值；上限是 {limit}</translation>
    </message>
    <message>
        <source>epochs must be &gt;= 1 and increasing</source>
        <translation>轮数必须 &gt;= 1 且递增</translation>
    </message>
</context>
<context>
    <name>modelfile_schema</name>
    <message>
        <source>expected a positive integer, got {got}</source>
        <translation>应为正整数，实际为 {got}</translation>
    </message>
    <message>
        <source>expected a string naming {what}, got {got}</source>
        <translation>应为指明{what}的字符串，实际为 {got}</translation>
    </message>
    <message>
        <source>expected a list of {length} strings, got {got}</source>
        <translation>应为含 {length} 个字符串的列表，实际为 {got}</translation>
    </message>
    <message>
        <source>expected a string, got {got}</source>
        <translation>应为字符串，实际为 {got}</translation>
    </message>
    <message>
        <source>expected {length} names, got {count}</source>
        <translation>应有 {length} 个名称，实际有 {count} 个</translation>
    </message>
    <message>
        <source>expected an object, got {got}</source>
        <translation>应为对象，实际为 {got}</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>unexpected field (this version reads format {version})</source>
        <translation>意外的字段（此版本读取格式 {version}）</translation>
    </message>
    <message>
        <source>{member} must hold a JSON object, got {got}</source>
        <translation>{member} 必须包含一个 JSON 对象，实际为 {got}</translation>
    </message>
    <message>
        <source>not a bpgui model (expected {expected}, got {got})</source>
        <translation>不是 bpgui 模型（应为 {expected}，实际为 {got}）</translation>
    </message>
    <message>
        <source>expected a format version (a positive integer), got {got}</source>
        <translation>应为格式版本（正整数），实际为 {got}</translation>
    </message>
    <message>
        <source>made by a newer bpgui (format {version}); this version reads formats 1 to {latest}: upgrade bpgui</source>
        <translation>由更新版本的 bpgui 生成（格式 {version}）；此版本读取格式 1 到 {latest}：请升级 bpgui</translation>
    </message>
    <message>
        <source>expected a non-empty list of layers, got {got}</source>
        <translation>应为非空的层列表，实际为 {got}</translation>
    </message>
    <message>
        <source>class names must be distinct</source>
        <translation>类别名称必须互不相同</translation>
    </message>
    <message>
        <source>expected a non-negative integer, got {got}</source>
        <translation>应为非负整数，实际为 {got}</translation>
    </message>
    <message>
        <source>{epochs} epochs; the limit is {limit}</source>
        <translation>{epochs} 轮；上限为 {limit}</translation>
    </message>
    <message>
        <source>expected a list of at most {most} column names, got {got}</source>
        <translation>应为至多 {most} 个列名的列表，实际为 {got}</translation>
    </message>
    <message>
        <source>expected a column name of letters, digits and _.+- (at most 100), got {got}</source>
        <translation>应为由字母、数字和 _.+- 组成的列名（至多 100 个字符），实际为 {got}</translation>
    </message>
    <message>
        <source>must start with &apos;train_loss&apos;, &apos;val_loss&apos;</source>
        <translation>必须以 &apos;train_loss&apos;、&apos;val_loss&apos; 开头</translation>
    </message>
    <message>
        <source>an &apos;epoch&apos; column needs format version 2</source>
        <translation>&apos;epoch&apos; 列需要格式版本 2</translation>
    </message>
    <message>
        <source>column names repeat</source>
        <translation>列名重复</translation>
    </message>
    <message>
        <source>{values} values; the limit is {limit}</source>
        <translation>{values} 个值；上限为 {limit}</translation>
    </message>
    <message>
        <source>the network would have {params} parameters; the limit is {limit}</source>
        <translation>网络将有 {params} 个参数；上限为 {limit}</translation>
    </message>
    <message>
        <source>expected true or false, got {got}</source>
        <translation>应为 true 或 false，实际为 {got}</translation>
    </message>
    <message>
        <source>expected [width, height], two positive integers, got {got}</source>
        <translation>应为 [宽, 高]，两个正整数，实际为 {got}</translation>
    </message>
    <message>
        <source>a {width} x {height} image has {pixels} pixels, but the network has {inputs} inputs</source>
        <translation>{width} x {height} 的图像有 {pixels} 个像素，但网络有 {inputs} 个输入</translation>
    </message>
</context>
<context>
    <name>modelfile_timeline</name>
    <message>
        <source>expected a whole number from {lo} to {hi}, got {got}</source>
        <translation>应为 {lo} 到 {hi} 之间的整数，实际为 {got}</translation>
    </message>
    <message>
        <source>expected a list of at most {most} names, got {got}</source>
        <translation>应为至多 {most} 个名称的列表，实际为 {got}</translation>
    </message>
    <message>
        <source>expected a name of letters, digits and _.+-, got {got}</source>
        <translation>应为由字母、数字和 _.+- 组成的名称，实际为 {got}</translation>
    </message>
    <message>
        <source>names repeat</source>
        <translation>名称重复</translation>
    </message>
    <message>
        <source>a timeline needs format version {version}</source>
        <translation>时间线需要格式版本 {version}</translation>
    </message>
    <message>
        <source>expected an object, got {got}</source>
        <translation>应为对象，实际为 {got}</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>unexpected field (this version reads format {version})</source>
        <translation>意外的字段（此版本读取格式 {version}）</translation>
    </message>
    <message>
        <source>expected &quot;PCG64&quot; (the trainer&apos;s generator), got {got}</source>
        <translation>应为 &quot;PCG64&quot;（训练器的随机数生成器），实际为 {got}</translation>
    </message>
    <message>
        <source>expected a power of two, got {got}</source>
        <translation>应为 2 的幂，实际为 {got}</translation>
    </message>
    <message>
        <source>{values} parameter and moment values; the limit is {limit}</source>
        <translation>{values} 个参数值和矩值；上限为 {limit}</translation>
    </message>
    <message>
        <source>epochs must be &gt;= 0 and strictly increasing</source>
        <translation>各轮编号必须 &gt;= 0 且严格递增</translation>
    </message>
    <message>
        <source>epoch {epoch} is after the {epochs} epochs the history records</source>
        <translation>第 {epoch} 轮在历史记录的 {epochs} 轮之后</translation>
    </message>
    <message>
        <source>epochs done, steps done and optimizer steps are counts (&gt;= 0)</source>
        <translation>已完成轮数、已完成步数和优化器步数都是计数（&gt;= 0）</translation>
    </message>
    <message>
        <source>learning rates must be finite and &gt; 0</source>
        <translation>学习率必须是有限值且 &gt; 0</translation>
    </message>
    <message>
        <source>not a PCG64 state (has_uint32 is 0 or 1, uinteger a 32-bit number)</source>
        <translation>不是 PCG64 状态（has_uint32 为 0 或 1，uinteger 为 32 位数）</translation>
    </message>
    <message>
        <source>checkpoint {index} holds NaN or infinite values</source>
        <translation>检查点 {index} 含有 NaN 或无穷值</translation>
    </message>
    <message>
        <source>the checkpoints hold {held} parameters; the network is {dtype}</source>
        <translation>检查点保存的是 {held} 参数；网络是 {dtype}</translation>
    </message>
</context>
<context>
    <name>network_canvas</name>
    <message>
        <source>input ({n})</source>
        <translation>输入层（{n}）</translation>
    </message>
    <message>
        <source>{n} in</source>
        <translation>{n} 输入</translation>
    </message>
    <message>
        <source>output ({n} {activation})</source>
        <translation>输出层（{n} {activation}）</translation>
    </message>
    <message>
        <source>click to edit</source>
        <translation>点击编辑</translation>
    </message>
    <message>
        <source>… {n} more</source>
        <translation>… 另有 {n} 个</translation>
    </message>
    <message>
        <source>input {name}</source>
        <translation>输入 {name}</translation>
    </message>
    <message>
        <source>output {name} ({activation})</source>
        <translation>输出 {name}（{activation}）</translation>
    </message>
    <message>
        <source>hidden layer {layer}, neuron {neuron} ({activation})</source>
        <translation>隐藏层 {layer}，神经元 {neuron}（{activation}）</translation>
    </message>
    <message>
        <source>bias = {value}</source>
        <translation>偏置 = {value}</translation>
    </message>
    <message>
        <source>weight layer {layer}: neuron {i} → {j}
w = {value}
({hint})</source>
        <translation>第 {layer} 层权重：神经元 {i} → {j}
w = {value}
（{hint}）</translation>
    </message>
</context>
<context>
    <name>network_editor</name>
    <message>
        <source>activation of hidden layer {layer}</source>
        <translation>隐藏层 {layer} 的激活函数</translation>
    </message>
    <message>
        <source>remove a neuron</source>
        <translation>移除一个神经元</translation>
    </message>
    <message>
        <source>add a neuron</source>
        <translation>添加一个神经元</translation>
    </message>
    <message>
        <source>neurons in this layer</source>
        <translation>该层的神经元数</translation>
    </message>
    <message>
        <source>click: plot it over the run · double-click: edit</source>
        <translation>单击：绘制其在本次运行中的变化 · 双击：编辑</translation>
    </message>
    <message>
        <source>click to edit</source>
        <translation>点击编辑</translation>
    </message>
    <message>
        <source>+ Layer</source>
        <translation>+ 层</translation>
    </message>
    <message>
        <source>add a hidden layer before the output</source>
        <translation>在输出层前添加一个隐藏层</translation>
    </message>
    <message>
        <source>− Layer</source>
        <translation>− 层</translation>
    </message>
    <message>
        <source>remove the last hidden layer</source>
        <translation>移除最后一个隐藏层</translation>
    </message>
    <message>
        <source>Neuron maps</source>
        <translation>神经元输出图</translation>
    </message>
    <message>
        <source>Draw each hidden neuron as its output over the input plane (hover a neuron to enlarge it)</source>
        <translation>将每个隐藏层神经元绘制为它在输入平面上的输出（鼠标悬停可放大）</translation>
    </message>
    <message>
        <source>{sizes}  ·  {n} parameters</source>
        <translation>{sizes}  ·  {n} 个参数</translation>
    </message>
    <message>
        <source>Plot this weight over the run</source>
        <translation>绘制该权重在本次运行中的变化</translation>
    </message>
    <message>
        <source>Plot this weight over the run (train to record its history)</source>
        <translation>绘制该权重在本次运行中的变化（先训练以记录其历史）</translation>
    </message>
    <message>
        <source>Edit weight…</source>
        <translation>编辑权重…</translation>
    </message>
    <message>
        <source>Weight of layer {layer}, neuron {i} → {j}:</source>
        <translation>第 {layer} 层权重，神经元 {i} → {j}：</translation>
    </message>
    <message>
        <source>Edit weight</source>
        <translation>编辑权重</translation>
    </message>
    <message>
        <source>“{text}” is not a number (write e.g. 0.5, -2 or 1e-3).</source>
        <translation>“{text}”不是数字（请写如 0.5、-2 或 1e-3）。</translation>
    </message>
</context>
<context>
    <name>network_export</name>
    <message>
        <source>PyTorch module</source>
        <translation>PyTorch 模块</translation>
    </message>
    <message>
        <source>NumPy module</source>
        <translation>NumPy 模块</translation>
    </message>
    <message>
        <source>C source</source>
        <translation>C 源代码</translation>
    </message>
    <message>
        <source>ONNX graph for onnxruntime and other runtimes</source>
        <translation>供 onnxruntime 等运行时使用的 ONNX 计算图</translation>
    </message>
    <message>
        <source>a PyTorch module with the weights beside it, ready to go on training</source>
        <translation>附带权重的 PyTorch 模块，可直接继续训练</translation>
    </message>
    <message>
        <source>a standalone Python module needing only NumPy</source>
        <translation>只需 NumPy 的独立 Python 模块</translation>
    </message>
    <message>
        <source>C99 header and source for microcontrollers, and check.c</source>
        <translation>用于微控制器的 C99 头文件和源文件，以及 check.c</translation>
    </message>
    <message>
        <source>architecture, normalisation and weights as JSON</source>
        <translation>以 JSON 保存的网络结构、归一化参数和权重</translation>
    </message>
    <message>
        <source>Export the network as {format} into a folder</source>
        <translation>将网络以 {format} 导出到文件夹</translation>
    </message>
    <message>
        <source>Export the network as {format}</source>
        <translation>将网络导出为 {format}</translation>
    </message>
    <message>
        <source>{format} (*{suffix});;All files (*)</source>
        <translation>{format} (*{suffix});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot export {format}</source>
        <translation>无法导出 {format}</translation>
    </message>
    <message>
        <source>{format} export does not match</source>
        <translation>{format} 导出结果不一致</translation>
    </message>
    <message>
        <source>Wrote {files}, but its self-check failed:
{check}</source>
        <translation>已写入 {files}，但自检失败：
{check}</translation>
    </message>
    <message>
        <source>Exported {format} to {path}; {check}</source>
        <translation>已将 {format} 导出到 {path}；{check}</translation>
    </message>
</context>
<context>
    <name>neuron_labels</name>
    <message>
        <source>1 for rows whose {column} is {value}, else 0</source>
        <translation>{column} 为 {value} 的样本取 1，否则取 0</translation>
    </message>
    <message>
        <source>class {name} of the target {target}</source>
        <translation>目标 {target} 的类别 {name}</translation>
    </message>
    <message>
        <source>near 1 for {positive}, near 0 for {negative}</source>
        <translation>{positive} 时接近 1，{negative} 时接近 0</translation>
    </message>
</context>
<context>
    <name>neuron_thumbnails</name>
    <message>
        <source>other inputs held fixed</source>
        <translation>其余输入保持固定</translation>
    </message>
    <message>
        <source>colour: orange {low} … blue {high}</source>
        <translation>颜色：橙 {low} … 蓝 {high}</translation>
    </message>
</context>
<context>
    <name>notes_button</name>
    <message>
        <source>How the file was read</source>
        <translation>文件是如何读取的</translation>
    </message>
</context>
<context>
    <name>optimizer_comparison</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Compare optimizers</source>
        <translation>比较优化器</translation>
    </message>
    <message>
        <source>{optimizer}: {done} of {count}</source>
        <translation>{optimizer}：第 {done} 个，共 {count} 个</translation>
    </message>
    <message>
        <source>Comparison stopped</source>
        <translation>比较已停止</translation>
    </message>
</context>
<context>
    <name>optimizer_step_state</name>
    <message>
        <source>buf = momentum * buf + (1 - dampening) * g  (buf = g at the first step); W -= lr * (g + momentum * buf)</source>
        <translation>buf = momentum * buf + (1 - dampening) * g（第一步时 buf = g）; W -= lr * (g + momentum * buf)</translation>
    </message>
    <message>
        <source>buf = momentum * buf + (1 - dampening) * g  (buf = g at the first step); W -= lr * buf</source>
        <translation>buf = momentum * buf + (1 - dampening) * g（第一步时 buf = g）; W -= lr * buf</translation>
    </message>
    <message>
        <source>square_avg = alpha * square_avg + (1 - alpha) * g^2 (centered: minus grad_avg^2); W -= lr * g / (sqrt(square_avg) + eps) (with momentum: through momentum_buffer)</source>
        <translation>square_avg = alpha * square_avg + (1 - alpha) * g^2（centered 时：减去 grad_avg^2）; W -= lr * g / (sqrt(square_avg) + eps)（有动量时：经由 momentum_buffer）</translation>
    </message>
</context>
<context>
    <name>output_bars</name>
    <message>
        <source>class probabilities</source>
        <translation>各类别的概率</translation>
    </message>
    <message>
        <source>outputs ({activation}), largest = predicted</source>
        <translation>输出（{activation}），最大者为预测</translation>
    </message>
    <message>
        <source>p(target = 1)</source>
        <translation>p(目标 = 1)</translation>
    </message>
    <message>
        <source>predicted value</source>
        <translation>预测值</translation>
    </message>
</context>
<context>
    <name>output_map</name>
    <message>
        <source>none: a curve</source>
        <translation>无：画成曲线</translation>
    </message>
    <message>
        <source>The input across the map</source>
        <translation>图中横向的输入</translation>
    </message>
    <message>
        <source>The input up the map, or none for the output as a curve over x</source>
        <translation>图中纵向的输入；选“无”则把输出画成关于 x 的曲线</translation>
    </message>
    <message>
        <source>Which output the map shows: each is a question of its own</source>
        <translation>输出图显示哪个输出：每个输出各自回答一个问题</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>discretise</source>
        <translation>离散化</translation>
    </message>
    <message>
        <source>Classes: the likeliest class only, however sure.  Numbers: bands of equal width.</source>
        <translation>类别：只显示最可能的类别，无论把握多大。数值：等宽的色带。</translation>
    </message>
    <message>
        <source>No data to map</source>
        <translation>没有可绘制的数据</translation>
    </message>
</context>
<context>
    <name>paint_page</name>
    <message>
        <source>Paint points with the mouse in the &lt;b&gt;Paint&lt;/b&gt; tab beside the network: classes over 2 inputs, or numbers over 1.</source>
        <translation>在网络旁的&lt;b&gt;绘制数据&lt;/b&gt;标签页中用鼠标绘制点：2 个输入的类别，或 1 个输入的数值。</translation>
    </message>
    <message>
        <source>Show the Paint tab</source>
        <translation>显示绘制数据标签页</translation>
    </message>
</context>
<context>
    <name>paint_tools</name>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>2 inputs (x1, x2) and a class for each point</source>
        <translation>2 个输入 (x1, x2)，每个点一个类别</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>1 input x and a number y for each point (regression)</source>
        <translation>1 个输入 x，每个点一个数值 y（回归）</translation>
    </message>
    <message>
        <source>What the points are: classes in 2-D, or numbers over 1 input</source>
        <translation>点表示什么：二维中的类别，或关于 1 个输入的数值</translation>
    </message>
    <message>
        <source>{n} points</source>
        <translation>{n} 个点</translation>
    </message>
    <message>
        <source>1 point</source>
        <translation>1 个点</translation>
    </message>
    <message>
        <source>The brush: how many points a click adds (spread around it) or erases</source>
        <translation>画笔：一次点击添加（散布在周围）或擦除多少个点</translation>
    </message>
    <message>
        <source>Paint class {name} (left click; right click erases)</source>
        <translation>绘制类别 {name}（左键绘制；右键擦除）</translation>
    </message>
    <message>
        <source>+ Point</source>
        <translation>+ 点</translation>
    </message>
    <message>
        <source>A click adds a point (x, y)</source>
        <translation>点击添加一个点 (x, y)</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>擦除</translation>
    </message>
    <message>
        <source>A click removes the nearest point (as the right button does)</source>
        <translation>点击删除最近的点（与右键相同）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Remove every point (Undo brings back the points the network trained on)</source>
        <translation>删除所有点（撤销可恢复网络训练所用的点）</translation>
    </message>
    <message>
        <source>From data</source>
        <translation>取自数据</translation>
    </message>
    <message>
        <source>Paint on a copy of the current data (2 inputs with up to {n} classes, or 1 input and a number)</source>
        <translation>在当前数据的副本上绘制（2 个输入、最多 {n} 个类别，或 1 个输入和一个数值）</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>保存 CSV…</translation>
    </message>
    <message>
        <source>Save the points as a CSV file (x1,x2,label or x,y)</source>
        <translation>把这些点保存为 CSV 文件（x1,x2,label 或 x,y）</translation>
    </message>
</context>
<context>
    <name>paint_view</name>
    <message>
        <source>Use these points</source>
        <translation>使用这些点</translation>
    </message>
    <message>
        <source>Train the network on the painted points (Undo goes back)</source>
        <translation>用绘制的点训练网络（撤销可退回）</translation>
    </message>
    <message>
        <source>There is no data to start from.</source>
        <translation>没有可作为起点的数据。</translation>
    </message>
    <message>
        <source>Started from {name} ({note}).</source>
        <translation>取自 {name}（{note}）。</translation>
    </message>
    <message>
        <source>Started from {name}.</source>
        <translation>取自 {name}。</translation>
    </message>
    <message>
        <source>Save the painted points as CSV</source>
        <translation>把绘制的点保存为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot save the points</source>
        <translation>无法保存这些点</translation>
    </message>
    <message>
        <source>Saved {n} points to {file} (Open CSV… reads it).</source>
        <translation>已把 {n} 个点保存到 {file}（可用“打开 CSV…”读入）。</translation>
    </message>
    <message>
        <source>{n} points are the most a painting holds: erase some to add others.</source>
        <translation>一幅绘图最多容纳 {n} 个点：擦除一些才能再添加。</translation>
    </message>
    <message>
        <source>Until then the network trains on {name}.</source>
        <translation>在此之前，网络用 {name} 训练。</translation>
    </message>
    <message>
        <source>The network trains on these points.</source>
        <translation>网络正在用这些点训练。</translation>
    </message>
    <message>
        <source>Not in use: the network trains on {name}.</source>
        <translation>未使用：网络用 {name} 训练。</translation>
    </message>
    <message>
        <source>Not in use.</source>
        <translation>未使用。</translation>
    </message>
    <message>
        <source>{n} points</source>
        <translation>{n} 个点</translation>
    </message>
    <message>
        <source>1 point</source>
        <translation>1 个点</translation>
    </message>
    <message>
        <source>{points}: {per_class}</source>
        <translation>{points}：{per_class}</translation>
    </message>
    <message>
        <source>{points} (the most a painting holds). </source>
        <translation>{points}（已达一幅绘图的上限）。</translation>
    </message>
    <message>
        <source>{points}. </source>
        <translation>{points}。</translation>
    </message>
</context>
<context>
    <name>painted_data</name>
    <message>
        <source>painted data of an unknown kind {mode}</source>
        <translation>未知类型的绘制数据 {mode}</translation>
    </message>
    <message>
        <source>the painted data holds no list of points</source>
        <translation>绘制数据中没有点的列表</translation>
    </message>
    <message>
        <source>{count} values instead of {width}</source>
        <translation>{count} 个值，而不是 {width} 个</translation>
    </message>
    <message>
        <source>painted point {number} ({row}) cannot be read: {reason}</source>
        <translation>无法读取绘制的第 {number} 个点（{row}）：{reason}</translation>
    </message>
    <message>
        <source>a painted point is not a finite number</source>
        <translation>有一个绘制的点不是有限数</translation>
    </message>
    <message>
        <source>Only data with 2 inputs and classes, or 1 input and 1 number, can be painted on; {name} has {inputs} inputs ({task}).</source>
        <translation>只有 2 个输入且为类别、或 1 个输入且为 1 个数值的数据才能在上面绘制；{name} 有 {inputs} 个输入（{task}）。</translation>
    </message>
    <message>
        <source>A painting has at most {most} classes with one label each; {name} has {outputs} outputs.</source>
        <translation>一幅绘图最多有 {most} 个类别，每个类别一个标签；{name} 有 {outputs} 个输出。</translation>
    </message>
    <message>
        <source>this data</source>
        <translation>这份数据</translation>
    </message>
</context>
<context>
    <name>precise</name>
    <message>
        <source>; if the column holds categories, one-hot encode it (one_hot_features=True)</source>
        <translation>；如果该列是类别，请对它进行独热编码（one_hot_features=True）</translation>
    </message>
    <message>
        <source>{cell} is not a number{hint}</source>
        <translation>{cell} 不是数字{hint}</translation>
    </message>
    <message>
        <source>{cell} is not a finite number (Inf is not allowed)</source>
        <translation>{cell} 不是有限的数（不允许 Inf）</translation>
    </message>
    <message>
        <source>; if line {line} is a title or a line of counts, not the header, skip the lines above the header (skip rows)</source>
        <translation>；如果第 {line} 行是标题或一行计数而不是表头，请跳过表头上方的行（跳过行数）</translation>
    </message>
    <message>
        <source>expected {width} fields, got {count}{hint}</source>
        <translation>应有 {width} 个字段，实际为 {count} 个{hint}</translation>
    </message>
    <message>
        <source>the file has a header but no data rows</source>
        <translation>文件有表头，但没有数据行</translation>
    </message>
    <message>
        <source>{cell} is a number written with a comma: a thousands separator or a decimal comma? Save the file with plain numbers (1200 or 1.2)</source>
        <translation>{cell} 是带逗号的数字：是千位分隔符还是小数逗号？请用普通数字（1200 或 1.2）保存文件</translation>
    </message>
</context>
<context>
    <name>preprocessing</name>
    <message>
        <source>fit needs a non-empty 2-D array, got shape {shape}</source>
        <translation>拟合需要非空的二维数组，实际形状为 {shape}</translation>
    </message>
    <message>
        <source>expected an array with {columns} columns, got shape {shape}</source>
        <translation>应为有 {columns} 列的数组，实际形状为 {shape}</translation>
    </message>
    <message>
        <source>input column {k} has missing values, and the model has no column means to fill them with (it was trained on data without missing values)</source>
        <translation>输入列 {k} 有缺失值，而模型没有可用于填充的列均值（它是用没有缺失值的数据训练的）</translation>
    </message>
    <message>
        <source>normalizer: expected a dict with &apos;method&apos;, &apos;shift&apos; and &apos;scale&apos;</source>
        <translation>归一化器：应为含 &apos;method&apos;、&apos;shift&apos; 和 &apos;scale&apos; 的字典</translation>
    </message>
    <message>
        <source>normalizer: shift and scale must be lists of numbers ({error})</source>
        <translation>归一化器：shift 和 scale 必须是数字列表（{error}）</translation>
    </message>
    <message>
        <source>normalizer: shift and scale must be flat lists of equal length</source>
        <translation>归一化器：shift 和 scale 必须是等长的一维列表</translation>
    </message>
    <message>
        <source>normalizer: shift must be finite and scale finite and &gt; 0</source>
        <translation>归一化器：shift 必须是有限值，scale 必须是有限值且 &gt; 0</translation>
    </message>
    <message>
        <source>normalizer: fill must be a list of finite numbers, one per column</source>
        <translation>归一化器：fill 必须是有限数字的列表，每列一个</translation>
    </message>
    <message>
        <source>column {name} has no values in the training rows: no mean to fill its missing cells</source>
        <translation>列 {name} 在训练行中没有值：没有均值可填充其缺失的单元格</translation>
    </message>
    <message>
        <source>{label} must be a fraction in [0, 1), got {got}</source>
        <translation>{label} 必须是 [0, 1) 内的比例，实际为 {got}</translation>
    </message>
    <message>
        <source>val + test must be below 1 to leave training rows, got {total}</source>
        <translation>验证 + 测试必须小于 1 才能留下训练行，实际为 {total}</translation>
    </message>
    <message>
        <source>{name}: {n} rows leave no training rows after the split</source>
        <translation>{name}：{n} 行在划分后没有留下训练行</translation>
    </message>
    <message>
        <source>data set</source>
        <translation>数据集</translation>
    </message>
</context>
<context>
    <name>reader</name>
    <message>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>this is not a text file (it holds NUL bytes: binary data, or UTF-16 text without its byte order mark, which bpgui train --encoding utf-16 reads)</source>
        <translation>这不是文本文件（它含有 NUL 字节：二进制数据，或没有字节顺序标记的 UTF-16 文本，bpgui train --encoding utf-16 可以读取后者）</translation>
    </message>
    <message>
        <source>the target holds text, so it can only be classes; choose the task &apos;classification&apos; or a numeric target column</source>
        <translation>目标含有文本，因此只能是类别；请选择任务“classification”（分类）或一个数值目标列</translation>
    </message>
    <message>
        <source>classes come from one target column; got {names}</source>
        <translation>类别来自一个目标列；实际为 {names}</translation>
    </message>
    <message>
        <source>only one target column may hold class labels; got {names} (class columns: {classes})</source>
        <translation>只能有一个目标列含有类别标签；实际为 {names}（类别列：{classes}）</translation>
    </message>
    <message>
        <source>read as {encoding} (Windows Western European): the file is not UTF-8 text</source>
        <translation>按 {encoding}（Windows 西欧）读取：该文件不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>every feature column looks like an identifier or a row index; name the feature columns to use</source>
        <translation>每个特征列看起来都像标识符或行索引；请写出要使用的特征列</translation>
    </message>
    <message>
        <source>left out column {name}: {why}</source>
        <translation>未使用列 {name}：{why}</translation>
    </message>
</context>
<context>
    <name>regression_plots</name>
    <message>
        <source>predicted and actual</source>
        <translation>预测值与实际值</translation>
    </message>
    <message>
        <source>residuals</source>
        <translation>残差</translation>
    </message>
    <message>
        <source>actual − predicted</source>
        <translation>实际值 − 预测值</translation>
    </message>
    <message>
        <source>predicted {name}</source>
        <translation>预测的 {name}</translation>
    </message>
    <message>
        <source>actual {name}</source>
        <translation>实际的 {name}</translation>
    </message>
</context>
<context>
    <name>results_view</name>
    <message>
        <source>training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>the rows the figures are computed on</source>
        <translation>计算这些结果所用的样本</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>输出：</translation>
    </message>
    <message>
        <source>counts</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>row shares</source>
        <translation>行占比</translation>
    </message>
    <message>
        <source>each true class&apos;s row as shares of its rows (each row sums to 1)</source>
        <translation>每个真实类别的一行按该类样本数的占比显示（每行之和为 1）</translation>
    </message>
    <message>
        <source>Data:</source>
        <translation>数据：</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>{split} ({n} rows)</source>
        <translation>{split}（{n} 个样本）</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>No data.</source>
        <translation>没有数据。</translation>
    </message>
    <message>
        <source>true {true}, predicted {predicted}</source>
        <translation>真实 {true}，预测 {predicted}</translation>
    </message>
    <message>
        <source>This network does not fit the data.</source>
        <translation>这个网络与数据不匹配。</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>{split}: {right} of {total} right ({percent} %)</source>
        <translation>{split}：{total} 个中对 {right} 个（{percent} %）</translation>
    </message>
    <message>
        <source>{split}: no rows</source>
        <translation>{split}：没有样本</translation>
    </message>
    <message>
        <source>{split}, {name}: MAE {mae} · RMSE {rmse} · R² {r2}</source>
        <translation>{split}，{name}：MAE {mae} · RMSE {rmse} · R² {r2}</translation>
    </message>
</context>
<context>
    <name>run_commands</name>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Branch from epoch…</source>
        <translation>从某一轮分支…</translation>
    </message>
    <message>
        <source>Go on from a checkpoint with other settings; the run so far is kept</source>
        <translation>用其他设置从检查点继续；保留目前的运行</translation>
    </message>
    <message>
        <source>Compare optimizers…</source>
        <translation>比较优化器…</translation>
    </message>
    <message>
        <source>Train the same initial weights with several optimizers, one run each</source>
        <translation>用多个优化器训练相同的初始权重，每个一次运行</translation>
    </message>
    <message>
        <source>Export runs as CSV…</source>
        <translation>将运行导出为 CSV…</translation>
    </message>
    <message>
        <source>The visible runs&apos; curves</source>
        <translation>可见运行的曲线</translation>
    </message>
    <message>
        <source>Deleted {names} (Undo brings it back).</source>
        <translation>已删除 {names}（撤销可恢复）。</translation>
    </message>
    <message>
        <source>Deleted {names} (Undo brings them back).</source>
        <translation>已删除 {names}（撤销可恢复）。</translation>
    </message>
    <message>
        <source>No checkpoints</source>
        <translation>没有检查点</translation>
    </message>
    <message>
        <source>This network has no timeline to branch from: train it with a timeline budget above 0 first.</source>
        <translation>该网络没有可供分支的时间线：请先在时间线内存大于 0 时训练它。</translation>
    </message>
    <message>
        <source>Epoch to go on from ({n} checkpoints from {first} to {last}; the nearest one is taken):</source>
        <translation>从哪一轮继续（{n} 个检查点，从 {first} 到 {last}；取最近的一个）：</translation>
    </message>
    <message>
        <source>Branch from epoch</source>
        <translation>从某一轮分支</translation>
    </message>
    <message>
        <source>Branched from {run} at epoch {epoch}: change the settings and press Train (Undo goes back).</source>
        <translation>已从 {run} 的第 {epoch} 轮分支：修改设置后按“训练”（撤销可返回）。</translation>
    </message>
    <message>
        <source>Branched at epoch {epoch}: change the settings and press Train (Undo goes back).</source>
        <translation>已在第 {epoch} 轮分支：修改设置后按“训练”（撤销可返回）。</translation>
    </message>
    <message>
        <source>the current network&apos;s initial weights</source>
        <translation>当前网络的初始权重</translation>
    </message>
    <message>
        <source>its weights at epoch {epoch}: the initial ones were not kept</source>
        <translation>第 {epoch} 轮的权重：初始权重未保留</translation>
    </message>
    <message>
        <source>Compared: runs kept in the Runs panel: {n}.</source>
        <translation>比较完成：运行面板中保留了 {n} 次运行。</translation>
    </message>
    <message>
        <source>Export runs</source>
        <translation>导出运行</translation>
    </message>
    <message>
        <source>Cannot export the runs</source>
        <translation>无法导出运行</translation>
    </message>
    <message>
        <source>Exported {n} runs to {path}</source>
        <translation>已将 {n} 次运行导出到 {path}</translation>
    </message>
</context>
<context>
    <name>run_export</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Loss curve</source>
        <translation>损失曲线</translation>
    </message>
    <message>
        <source>Metric curve</source>
        <translation>指标曲线</translation>
    </message>
    <message>
        <source>Weights heatmap</source>
        <translation>权重热力图</translation>
    </message>
    <message>
        <source>Export run</source>
        <translation>导出运行</translation>
    </message>
    <message>
        <source>This run has no timeline to animate yet: train it for a few epochs with the timeline on (Training → Timeline memory).</source>
        <translation>这次运行还没有可做成动画的时间线：请在开启时间线的情况下训练几轮（训练 → 时间线内存）。</translation>
    </message>
    <message>
        <source>Pause or stop training first: the frames are drawn from the recorded checkpoints, and a running network keeps moving the views.</source>
        <translation>请先暂停或停止训练：帧是根据记录的检查点绘制的，正在运行的网络会不断改变视图。</translation>
    </message>
    <message>
        <source>Export run as GIF</source>
        <translation>将运行导出为 GIF</translation>
    </message>
    <message>
        <source>Folder for the PNG frames</source>
        <translation>PNG 帧所在文件夹</translation>
    </message>
    <message>
        <source>Drawing the frames…</source>
        <translation>正在绘制帧…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>epoch {epoch} of {last}</source>
        <translation>第 {epoch} 轮，共 {last} 轮</translation>
    </message>
    <message>
        <source>Frame {n} of {total}…</source>
        <translation>第 {n} 帧，共 {total} 帧…</translation>
    </message>
    <message>
        <source>Could not write {target}:
{error}</source>
        <translation>无法写入 {target}：
{error}</translation>
    </message>
    <message>
        <source>Wrote {n} frames to {target}</source>
        <translation>已将 {n} 帧写入 {target}</translation>
    </message>
</context>
<context>
    <name>run_export_dialog</name>
    <message>
        <source>Export run as animation</source>
        <translation>将运行导出为动画</translation>
    </message>
    <message>
        <source>Animated GIF</source>
        <translation>GIF 动画</translation>
    </message>
    <message>
        <source>PNG sequence (a numbered file a frame)</source>
        <translation>PNG 序列（每帧一个编号文件）</translation>
    </message>
    <message>
        <source> ms a frame</source>
        <translation> 毫秒/帧</translation>
    </message>
    <message>
        <source>Views in each frame:</source>
        <translation>每帧包含的视图：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Frames:</source>
        <translation>帧数：</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>The run has {n} checkpoints; the frames are spread evenly over them, the first and the last always included.</source>
        <translation>这次运行有 {n} 个检查点；帧均匀分布在其中，总是包括第一个和最后一个。</translation>
    </message>
    <message>
        <source> A GIF holds at most {n} frames.</source>
        <translation>GIF 最多容纳 {n} 帧。</translation>
    </message>
</context>
<context>
    <name>runs</name>
    <message>
        <source>{optimizers}, lr {rates}, {init}, seed {seed}</source>
        <translation>{optimizers}，学习率 {rates}，{init}，随机种子 {seed}</translation>
    </message>
    <message>
        <source>from {run} @ {epoch}</source>
        <translation>分支自 {run} 第 {epoch} 轮</translation>
    </message>
    <message>
        <source>{settings}, {branch}</source>
        <translation>{settings}，{branch}</translation>
    </message>
    <message>
        <source>A run needs a name.</source>
        <translation>运行需要一个名称。</translation>
    </message>
    <message>
        <source>A run&apos;s name has at most {count} characters.</source>
        <translation>运行的名称最多 {count} 个字符。</translation>
    </message>
    <message>
        <source>There is a run named {name} already.</source>
        <translation>已有名为 {name} 的运行。</translation>
    </message>
</context>
<context>
    <name>runs_panel</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>{run}; {epochs} epochs</source>
        <translation>{run}；{epochs} 轮</translation>
    </message>
</context>
<context>
    <name>runs_plot</name>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>loss of each run (log)</source>
        <translation>每次运行的损失（对数）</translation>
    </message>
</context>
<context>
    <name>sample_table</name>
    <message>
        <source>wrong only</source>
        <translation>只看错误</translation>
    </message>
    <message>
        <source>only the rows the network gets wrong</source>
        <translation>只显示网络预测错误的样本</translation>
    </message>
    <message>
        <source>largest errors first</source>
        <translation>误差大的在前</translation>
    </message>
    <message>
        <source>all rows</source>
        <translation>所有样本</translation>
    </message>
    <message>
        <source>{shown} of {total} rows</source>
        <translation>{total} 个样本中的 {shown} 个</translation>
    </message>
    <message>
        <source>{total} rows</source>
        <translation>{total} 个样本</translation>
    </message>
</context>
<context>
    <name>sample_table_model</name>
    <message>
        <source>true</source>
        <translation>真实</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <source>error</source>
        <translation>误差</translation>
    </message>
    <message>
        <source>the row&apos;s place in this split</source>
        <translation>该样本在这部分数据中的序号</translation>
    </message>
    <message>
        <source>the network&apos;s output for the class it predicts</source>
        <translation>网络对其预测类别的输出</translation>
    </message>
    <message>
        <source>✓ predicted right, ✗ wrong</source>
        <translation>✓ 预测正确，✗ 错误</translation>
    </message>
    <message>
        <source>predicted − actual; sorted by its size</source>
        <translation>预测值 − 实际值；按其大小排序</translation>
    </message>
    <message>
        <source>a feature, as in the data</source>
        <translation>一个特征，与数据中相同</translation>
    </message>
</context>
<context>
    <name>setting_help</name>
    <message>
        <source>What training makes small. auto picks the one that fits the data: binary cross-entropy for two classes, cross-entropy for several, squared error (mse) for numbers. Change it to compare losses, e.g. mse on classes.</source>
        <translation>训练要减小的量。auto 按数据选择：两个类别用二元交叉熵，多个类别用交叉熵，数值用均方误差 (mse)。可以改换来比较不同的损失函数，例如对类别用 mse。</translation>
    </message>
    <message>
        <source>How each step uses the gradient. sgd is the plain rule; momentum and nesterov smooth the steps; adagrad, adadelta, rmsprop and adam scale each weight&apos;s step by its gradients&apos; history. Try adam first; use sgd to follow the textbook formulas.</source>
        <translation>每一步如何使用梯度。sgd 是最朴素的规则；momentum 和 nesterov 让步子更平滑；adagrad、adadelta、rmsprop 和 adam 按每个权重的梯度历史缩放它的步长。先试 adam；想对照教科书公式就用 sgd。</translation>
    </message>
    <message>
        <source>Learning rate: how far each step goes against the gradient. Too high and the loss jumps or grows; too low and it crawls. The arrows step 1-3-10 (log scale). Changes apply at once, also mid-run.
torch.optim: lr</source>
        <translation>学习率：每一步沿梯度反方向走多远。太大则损失跳动或增大；太小则进展缓慢。箭头按 1-3-10 步进（对数刻度）。改动立即生效，运行中也一样。
torch.optim: lr</translation>
    </message>
    <message>
        <source>How the learning rate changes from epoch to epoch: constant, step (cut every few epochs), exponential (a little each epoch) or cosine (down to a floor). Use one when the loss stalls with a rate that was right at the start.
torch.optim.lr_scheduler</source>
        <translation>学习率如何随轮数变化：constant（不变）、step（每隔几轮削减）、exponential（每轮减少一点）或 cosine（降到下限）。当开始时合适的学习率让损失停滞不前时使用。
torch.optim.lr_scheduler</translation>
    </message>
    <message>
        <source>How many rows each step averages its gradient over: all of them (full batch: smooth, one step an epoch), a mini-batch (the usual choice for large data), or one row at a time (noisy, many steps an epoch).</source>
        <translation>每一步在多少个样本上平均梯度：全部样本（全批量：平滑，每轮一步）、一个小批量（大数据的常用选择），或一次一个样本（噪声大，每轮很多步）。</translation>
    </message>
    <message>
        <source>Rows per mini-batch. Smaller: more, noisier steps an epoch; larger: fewer, smoother ones.
torch.utils.data.DataLoader: batch_size</source>
        <translation>每个小批量的样本数。更小：每轮步数更多、噪声更大；更大：步数更少、更平滑。
torch.utils.data.DataLoader: batch_size</translation>
    </message>
    <message>
        <source>How many epochs Train runs before it stops. An epoch is one pass over the training rows.</source>
        <translation>训练运行多少轮后停止。一轮是对训练集的一次完整遍历。</translation>
    </message>
    <message>
        <source>Train until you press Pause or Stop (or early stopping ends the run).</source>
        <translation>一直训练，直到按下暂停或停止（或早停结束运行）。</translation>
    </message>
    <message>
        <source>Stop when the validation loss has not improved for this many epochs. Needs a validation split (Data panel). Use it against overfitting.</source>
        <translation>验证集损失在这么多轮内没有改善时停止。需要划分验证集（数据面板）。用于防止过拟合。</translation>
    </message>
    <message>
        <source>Epochs without a better validation loss before the run stops. Larger waits out plateaus; smaller stops sooner.</source>
        <translation>验证集损失没有改善的轮数达到此值时停止运行。更大可以熬过平台期；更小停得更早。</translation>
    </message>
    <message>
        <source>L1 penalty: adds this times the sum of |w| to the loss, pushing unneeded weights to exactly zero. Raise it for a sparser network; 0 turns it off.</source>
        <translation>L1 惩罚：把此值乘以 |w| 之和加到损失上，把不需要的权重压到恰好为零。调大得到更稀疏的网络；0 表示关闭。</translation>
    </message>
    <message>
        <source>L2 penalty (weight decay): adds this times the weight to each weight&apos;s gradient, keeping weights small. Raise it (e.g. 0.0001 to 0.01) when the network overfits; 0 turns it off.
torch.optim: weight_decay</source>
        <translation>L2 惩罚（权重衰减）：把此值乘以权重加到每个权重的梯度上，使权重保持较小。网络过拟合时调大（例如 0.0001 到 0.01）；0 表示关闭。
torch.optim: weight_decay</translation>
    </message>
    <message>
        <source>How the starting weights are drawn (biases start at 0). xavier suits tanh and sigmoid, he suits relu; normal and uniform are wide and can saturate units. Changing it makes a new network.</source>
        <translation>初始权重如何抽取（偏置从 0 开始）。xavier 适合 tanh 和 sigmoid，he 适合 relu；normal 和 uniform 范围较宽，可能使神经元饱和。更改它会生成新的网络。</translation>
    </message>
    <message>
        <source>The random seed of the starting weights, the data split and the shuffling: the same seed gives the same run. Change it to see another start; it makes a new network.</source>
        <translation>初始权重、数据划分和打乱顺序所用的随机种子：相同的随机种子得到相同的运行。改变它可以看另一个起点；它会生成新的网络。</translation>
    </message>
    <message>
        <source>Epochs per second. Slow training down to watch it: at 30/s and below every epoch is shown in every view. Applies at once, also during a run; it changes how fast, not what the network learns.</source>
        <translation>每秒轮数。放慢训练以便观察：在 30/s 及以下，每一轮都会显示在每个视图中。立即生效，运行中也一样；它改变的是快慢，而不是网络学到什么。</translation>
    </message>
    <message>
        <source>Where the data comes from: a logic gate&apos;s truth table, a generated toy set, a CSV file, or points you paint.</source>
        <translation>数据的来源：逻辑门的真值表、生成的玩具数据集、CSV 文件，或你绘制的点。</translation>
    </message>
    <message>
        <source>The logic gate whose truth table is the data. AND and OR need no hidden layer; XOR does.</source>
        <translation>以其真值表为数据的逻辑门。AND 和 OR 不需要隐藏层；XOR 需要。</translation>
    </message>
    <message>
        <source>A generated two-dimensional set (or a curve to fit). Hover over a choice for what it is.</source>
        <translation>生成的二维数据集（或要拟合的曲线）。把鼠标停在某个选项上可查看说明。</translation>
    </message>
    <message>
        <source>How many points to generate. More points: a smoother picture, slower epochs.</source>
        <translation>要生成多少个点。点越多：图像越平滑，每轮越慢。</translation>
    </message>
    <message>
        <source>How much random scatter is added to the points. 0: a clean pattern; more makes the classes overlap and the task harder.</source>
        <translation>给点加上多少随机散布。0：干净的图案；越大类别重叠越多，任务越难。</translation>
    </message>
    <message>
        <source>The random seed of the generated points: the same seed gives the same points.</source>
        <translation>生成点所用的随机种子：相同的随机种子得到相同的点。</translation>
    </message>
    <message>
        <source>Generate the toy set again with these samples, noise and seed.</source>
        <translation>用这些样本数、噪声和随机种子重新生成玩具数据集。</translation>
    </message>
    <message>
        <source>Read a CSV file (or drop one on the window). Its columns appear below: pick the target and the features.</source>
        <translation>读取 CSV 文件（或将文件拖到窗口上）。它的列显示在下方：选择目标和特征。</translation>
    </message>
    <message>
        <source>Show the file&apos;s first rows as written.</source>
        <translation>按原样显示文件的前几行。</translation>
    </message>
    <message>
        <source>The file&apos;s first rows as written, before they are read as numbers or classes.</source>
        <translation>文件的前几行，按原样显示，尚未读成数值或类别。</translation>
    </message>
    <message>
        <source>The column the network learns to predict. Text or a few whole numbers: classes; other numbers: a regression.</source>
        <translation>网络学习预测的列。文本或少数几个整数：类别；其他数值：回归。</translation>
    </message>
    <message>
        <source>How the inputs are scaled before training: zscore (mean 0, spread 1: the safe default), minmax (into [0, 1]) or none (as they are). Unscaled inputs saturate units and slow training. Changing it makes a new network.</source>
        <translation>训练前如何缩放输入：zscore（均值 0、标准差 1：稳妥的默认值）、minmax（缩放到 [0, 1]）或 none（保持原样）。未归一化的输入会使神经元饱和并拖慢训练。更改它会生成新的网络。</translation>
    </message>
    <message>
        <source>The share of the rows held out to measure overfitting (the validation curve) and for early stopping; they are not trained on. 0.2 is typical; 0: none.</source>
        <translation>留出的样本比例，用于衡量过拟合（验证曲线）和早停；不参与训练。通常为 0.2；0：不留出。</translation>
    </message>
    <message>
        <source>The share of the rows kept apart for a final check after training (shown in the status bar); never trained on, never used to choose settings. 0: none.</source>
        <translation>留作训练后最终检验的样本比例（结果显示在状态栏）；从不参与训练，也从不用于选择设置。0：不留出。</translation>
    </message>
    <message>
        <source>auto: text, and whole numbers with at most 10 values each seen twice, are classes; other numbers are a regression target.
classes / numbers (regression): read the target so.</source>
        <translation>自动：文本，以及最多 10 个取值且每个至少出现两次的整数，视为类别；其他数值作为回归目标。
类别 / 数值（回归）：按此读取目标。</translation>
    </message>
    <message>
        <source>Lines above the header to leave out: a title, a line of counts, comments.</source>
        <translation>表头上方要跳过的行：标题、计数行、注释。</translation>
    </message>
    <message>
        <source>Empty, NA or ? cells: refuse the file (saying where), drop their rows, or fill them with the column&apos;s mean over the training rows (kept in the model; for a text column, its values&apos; shares).</source>
        <translation>空白、NA 或 ? 单元格：拒绝该文件（并指出位置）、删除所在行，或用该列在训练集上的均值填充（保存在模型中；文本列则用各取值的比例）。</translation>
    </message>
    <message>
        <source>The features are the pixels of a W x H image, row by row: type e.g. 8x8 (8x8 and 28x28 pixel columns are found by themselves); empty: automatic.</source>
        <translation>特征是一幅 W x H 图像的像素，逐行排列：输入例如 8x8（8x8 和 28x28 的像素列会被自动识别）；留空：自动。</translation>
    </message>
    <message>
        <source>Show only the columns whose name holds this text (any case).</source>
        <translation>只显示名称包含此文本的列（不区分大小写）。</translation>
    </message>
    <message>
        <source>The columns the network takes as inputs: untick one to leave it out.</source>
        <translation>网络作为输入的列：取消勾选即可排除该列。</translation>
    </message>
    <message>
        <source>Tick every column shown: with a filter, only the columns it shows.</source>
        <translation>勾选显示的所有列：有筛选时，只勾选筛选显示的列。</translation>
    </message>
    <message>
        <source>Untick every column shown: with a filter, only the columns it shows; refused if no feature would be left.</source>
        <translation>取消勾选显示的所有列：有筛选时，只针对筛选显示的列；如果不会剩下任何特征则拒绝。</translation>
    </message>
    <message>
        <source>Bring the Paint tab forward: click to add points, pick a class or draw numbers.</source>
        <translation>把绘制数据标签页调到前面：点击添加点，选择类别或绘制数值。</translation>
    </message>
    <message>
        <source>Tick to show a run; double-click or F2 renames it; Delete deletes it (Undo brings it back).</source>
        <translation>勾选以显示一次运行；双击或按 F2 重命名；按 Delete 删除（撤销可恢复）。</translation>
    </message>
    <message>
        <source>Delete the selected runs (Edit › Undo brings them back).</source>
        <translation>删除选中的运行（编辑 › 撤销可恢复）。</translation>
    </message>
    <message>
        <source>The visible runs&apos; curves in one CSV file (one row per run and epoch).</source>
        <translation>可见运行的曲线导出到一个 CSV 文件（每次运行每轮一行）。</translation>
    </message>
    <message>
        <source>squared error, 1/2 (y_hat - y)^2: for numbers; any output activation</source>
        <translation>均方误差，1/2 (y_hat - y)^2：用于数值；任意输出激活函数</translation>
    </message>
    <message>
        <source>binary cross-entropy: for 0/1 targets with a sigmoid output</source>
        <translation>二元交叉熵：用于 0/1 目标，配合 sigmoid 输出</translation>
    </message>
    <message>
        <source>cross-entropy: for one class out of several, with a softmax output</source>
        <translation>交叉熵：用于多选一的类别，配合 softmax 输出</translation>
    </message>
    <message>
        <source>plain gradient descent: w -= lr * gradient</source>
        <translation>朴素的梯度下降：w -= lr * gradient</translation>
    </message>
    <message>
        <source>sgd with momentum 0.9: steps keep some of their direction</source>
        <translation>动量为 0.9 的 sgd：每一步保留部分原来的方向</translation>
    </message>
    <message>
        <source>momentum that looks one step ahead</source>
        <translation>向前多看一步的动量</translation>
    </message>
    <message>
        <source>each weight&apos;s rate shrinks with its gradients&apos; sum of squares</source>
        <translation>每个权重的学习率随其梯度平方和而缩小</translation>
    </message>
    <message>
        <source>steps scaled by running averages of squared gradients and steps</source>
        <translation>步长按梯度平方和步长平方的滑动平均缩放</translation>
    </message>
    <message>
        <source>each weight&apos;s rate scaled by a running average of squared gradients</source>
        <translation>每个权重的学习率按梯度平方的滑动平均缩放</translation>
    </message>
    <message>
        <source>momentum and rmsprop together, with bias corrections: a good first choice</source>
        <translation>动量与 rmsprop 的结合，带偏差修正：很好的首选</translation>
    </message>
    <message>
        <source>the same learning rate every epoch</source>
        <translation>每一轮学习率都相同</translation>
    </message>
    <message>
        <source>multiply the rate by gamma every step_size epochs</source>
        <translation>每隔 step_size 轮把学习率乘以 gamma</translation>
    </message>
    <message>
        <source>multiply the rate by gamma every epoch</source>
        <translation>每一轮把学习率乘以 gamma</translation>
    </message>
    <message>
        <source>a half cosine from the rate down to eta_min over T_max epochs</source>
        <translation>在 T_max 轮内按半个余弦从初始学习率降到 eta_min</translation>
    </message>
    <message>
        <source>N(0, 1): wide; saturates sigmoid and tanh units of large layers</source>
        <translation>N(0, 1)：范围宽；会使较大层中的 sigmoid 和 tanh 神经元饱和</translation>
    </message>
    <message>
        <source>U(-1, 1)</source>
        <translation>U(-1, 1)</translation>
    </message>
    <message>
        <source>Glorot uniform: keeps the signal&apos;s spread through tanh and sigmoid layers</source>
        <translation>Glorot 均匀分布：使信号的分布范围在 tanh 和 sigmoid 层中保持不变</translation>
    </message>
    <message>
        <source>He (Kaiming) normal: keeps the spread through relu layers</source>
        <translation>He (Kaiming) 正态分布：使分布范围在 relu 层中保持不变</translation>
    </message>
    <message>
        <source>the inputs as they are</source>
        <translation>输入保持原样</translation>
    </message>
    <message>
        <source>each input scaled into [0, 1] over the training rows</source>
        <translation>每个输入按训练集缩放到 [0, 1]</translation>
    </message>
    <message>
        <source>each input shifted and scaled to mean 0 and standard deviation 1</source>
        <translation>每个输入平移并缩放到均值 0、标准差 1</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>How much of the previous step each step keeps (0: none, 0.9: much). Speeds up long, shallow valleys; lower it if the loss oscillates.</source>
        <translation>每一步保留上一步的多少（0：不保留，0.9：保留很多）。能加快穿过狭长平缓的山谷；损失振荡时调低。</translation>
    </message>
    <message>
        <source>dampening</source>
        <translation>阻尼</translation>
    </message>
    <message>
        <source>How much of the new gradient is held back from the momentum buffer. Usually 0.</source>
        <translation>新梯度有多少不计入动量缓冲区。通常为 0。</translation>
    </message>
    <message>
        <source>Nesterov momentum</source>
        <translation>Nesterov 动量</translation>
    </message>
    <message>
        <source>Take the gradient where momentum is about to carry the weights: often a little faster. Needs momentum &gt; 0.</source>
        <translation>在动量即将把权重带到的位置计算梯度：通常稍快一些。需要动量 &gt; 0。</translation>
    </message>
    <message>
        <source>betas</source>
        <translation>betas</translation>
    </message>
    <message>
        <source>momentum (beta1)</source>
        <translation>动量 (beta1)</translation>
    </message>
    <message>
        <source>smoothing (beta2)</source>
        <translation>平滑系数 (beta2)</translation>
    </message>
    <message>
        <source>How long the running mean of the gradients remembers (0.9: about 10 steps). Lower it when the loss oscillates.</source>
        <translation>梯度滑动平均记忆多久（0.9：约 10 步）。损失振荡时调低。</translation>
    </message>
    <message>
        <source>How long the running mean of the squared gradients remembers (0.999: about 1000 steps). Lower it (e.g. 0.99) for noisy mini-batches.</source>
        <translation>梯度平方滑动平均记忆多久（0.999：约 1000 步）。小批量噪声大时调低（例如 0.99）。</translation>
    </message>
    <message>
        <source>epsilon</source>
        <translation>epsilon</translation>
    </message>
    <message>
        <source>A small number added to the divisor so a step never divides by zero. Rarely changed; larger values make the optimizer behave more like sgd.</source>
        <translation>加到除数上的小数，使每一步都不会除以零。很少修改；取值越大，优化器的行为越接近 sgd。</translation>
    </message>
    <message>
        <source>AMSGrad</source>
        <translation>AMSGrad</translation>
    </message>
    <message>
        <source>Divide by the largest squared-gradient average seen so far, not the current one: steadier steps when adam&apos;s loss jumps late in training.</source>
        <translation>除以迄今见过的最大梯度平方平均值，而不是当前的：当 adam 的损失在训练后期跳动时，步子更稳。</translation>
    </message>
    <message>
        <source>learning-rate decay</source>
        <translation>学习率衰减</translation>
    </message>
    <message>
        <source>Shrinks the learning rate at every step: lr / (1 + (t - 1) * decay). 0: none.</source>
        <translation>每一步都缩小学习率：lr / (1 + (t - 1) * decay)。0：不衰减。</translation>
    </message>
    <message>
        <source>starting sum of squares</source>
        <translation>平方和初始值</translation>
    </message>
    <message>
        <source>What each weight&apos;s sum of squared gradients starts at; larger makes the first steps smaller.</source>
        <translation>每个权重的梯度平方和的起始值；越大则最初几步越小。</translation>
    </message>
    <message>
        <source>smoothing (rho)</source>
        <translation>平滑系数 (rho)</translation>
    </message>
    <message>
        <source>How long the running averages of squared gradients and steps remember (0.9: about 10 steps).</source>
        <translation>梯度平方和步长平方的滑动平均记忆多久（0.9：约 10 步）。</translation>
    </message>
    <message>
        <source>smoothing (alpha)</source>
        <translation>平滑系数 (alpha)</translation>
    </message>
    <message>
        <source>How long the running average of squared gradients remembers (0.99: about 100 steps).</source>
        <translation>梯度平方的滑动平均记忆多久（0.99：约 100 步）。</translation>
    </message>
    <message>
        <source>centred</source>
        <translation>中心化</translation>
    </message>
    <message>
        <source>Divide by the gradients&apos; variance instead of their mean square: sometimes steadier, a little slower.</source>
        <translation>除以梯度的方差而不是均方：有时更稳，稍慢一些。</translation>
    </message>
    <message>
        <source>every (epochs)</source>
        <translation>间隔（轮）</translation>
    </message>
    <message>
        <source>How many epochs between two cuts of the learning rate.</source>
        <translation>两次削减学习率之间隔多少轮。</translation>
    </message>
    <message>
        <source>factor (gamma)</source>
        <translation>系数 (gamma)</translation>
    </message>
    <message>
        <source>What the learning rate is multiplied by at each cut (step) or each epoch (exponential). 0.5 halves it.</source>
        <translation>每次削减（step）或每一轮（exponential）时学习率乘以的系数。0.5 即减半。</translation>
    </message>
    <message>
        <source>period (epochs)</source>
        <translation>周期（轮）</translation>
    </message>
    <message>
        <source>Epochs for the learning rate to go from its start down to the lowest rate.</source>
        <translation>学习率从初始值降到最低值所用的轮数。</translation>
    </message>
    <message>
        <source>lowest rate</source>
        <translation>最低学习率</translation>
    </message>
    <message>
        <source>The learning rate at the bottom of the cosine.</source>
        <translation>余弦曲线底部的学习率。</translation>
    </message>
</context>
<context>
    <name>shortcuts_dialog</name>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Keyboard shortcuts – bpgui</source>
        <translation>键盘快捷键 – bpgui</translation>
    </message>
    <message>
        <source>Space, Ctrl+Z and Ctrl+Shift+Z work wherever the focus is, except in text fields. On the timeline&apos;s slider, the arrow keys step one checkpoint, Home and End go to the first and the newest.</source>
        <translation>空格、Ctrl+Z 和 Ctrl+Shift+Z 在焦点位于任何地方时都有效，文本框除外。在时间线的滑块上，方向键前进或后退一个检查点，Home 和 End 跳到第一个和最新的检查点。</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>speed_control</name>
    <message>
        <source>full</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>Training speed</source>
        <translation>训练速度</translation>
    </message>
</context>
<context>
    <name>status_line</name>
    <message>
        <source>Training completed</source>
        <translation>训练完成</translation>
    </message>
    <message>
        <source>Stopped early: validation loss stopped improving</source>
        <translation>早停：验证集损失不再下降</translation>
    </message>
    <message>
        <source>Training stopped</source>
        <translation>训练已停止</translation>
    </message>
    <message>
        <source>{what} after one epoch.</source>
        <translation>{what}，共 1 轮。</translation>
    </message>
    <message>
        <source>{what} after {epochs} epochs.</source>
        <translation>{what}，共 {epochs} 轮。</translation>
    </message>
    <message>
        <source>epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <source>loss –</source>
        <translation>损失 –</translation>
    </message>
    <message>
        <source>loss {loss}</source>
        <translation>损失 {loss}</translation>
    </message>
    <message>
        <source> · val {loss}</source>
        <translation> · 验证集 {loss}</translation>
    </message>
    <message>
        <source>accuracy {accuracy}</source>
        <translation>准确率 {accuracy}</translation>
    </message>
    <message>
        <source> · val {accuracy}</source>
        <translation> · 验证集 {accuracy}</translation>
    </message>
    <message>
        <source>{rate} epochs/s</source>
        <translation>{rate} 轮/秒</translation>
    </message>
    <message>
        <source> · accuracy {accuracy}</source>
        <translation> · 准确率 {accuracy}</translation>
    </message>
    <message>
        <source>&lt;b&gt;test&lt;/b&gt; loss {loss}</source>
        <translation>&lt;b&gt;测试集&lt;/b&gt; 损失 {loss}</translation>
    </message>
</context>
<context>
    <name>step_commands</name>
    <message>
        <source>Stop training (and go back to the newest epoch) to apply a step.</source>
        <translation>请停止训练（并回到最新一轮）再应用这一步。</translation>
    </message>
    <message>
        <source>one training step applied (Undo takes it back)</source>
        <translation>已应用一个训练步（可撤销）</translation>
    </message>
    <message>
        <source>Save the step as a spreadsheet</source>
        <translation>将这一步保存为电子表格</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Spreadsheet not written</source>
        <translation>电子表格未写入</translation>
    </message>
    <message>
        <source>the step saved as a spreadsheet of live formulas: {path}</source>
        <translation>这一步已保存为带实时公式的电子表格：{path}</translation>
    </message>
</context>
<context>
    <name>step_sheet</name>
    <message>
        <source>cannot write {path}: it is a folder; give a file name such as {example}</source>
        <translation>无法写入 {path}：它是一个文件夹；请给出文件名，例如 {example}</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>the input layer</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>the output layer</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>hidden layer {l}</source>
        <translation>隐藏层 {l}</translation>
    </message>
    <message>
        <source>{which} has {units} units; a step sheet lays out layers of at most {most} units</source>
        <translation>{which}有 {units} 个神经元；单步电子表格只能排列最多 {most} 个神经元的层</translation>
    </message>
</context>
<context>
    <name>step_stages</name>
    <message>
        <source>Forward</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <source>Backward</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>output layer</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>hidden layer {n}</source>
        <translation>隐藏层 {n}</translation>
    </message>
    <message>
        <source>{kind} · layer {n} of {count} ({role}, {units} {activation})</source>
        <translation>{kind} · 第 {n} 层，共 {count} 层（{role}，{units} 个 {activation}）</translation>
    </message>
    <message>
        <source>unit {n}</source>
        <translation>神经元 {n}</translation>
    </message>
    <message>
        <source>dW from {name}</source>
        <translation>来自 {name} 的 dW</translation>
    </message>
    <message>
        <source>W from {name}</source>
        <translation>来自 {name} 的 W</translation>
    </message>
    <message>
        <source>unit {n}, first row:</source>
        <translation>神经元 {n}，第一个样本：</translation>
    </message>
    <message>
        <source>z (row {n})</source>
        <translation>z（样本 {n}）</translation>
    </message>
    <message>
        <source>a (row {n})</source>
        <translation>a（样本 {n}）</translation>
    </message>
    <message>
        <source>δ (row {n})</source>
        <translation>δ（样本 {n}）</translation>
    </message>
    <message>
        <source>db (mean δ)</source>
        <translation>db（δ 的均值）</translation>
    </message>
    <message>
        <source>before</source>
        <translation>更新前</translation>
    </message>
    <message>
        <source>gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>after</source>
        <translation>更新后</translation>
    </message>
    <message>
        <source>bias of unit {n}</source>
        <translation>神经元 {n} 的偏置</translation>
    </message>
    <message>
        <source>… ({n} more)</source>
        <translation>…（另有 {n} 项）</translation>
    </message>
    <message>
        <source>output δ</source>
        <translation>输出层 δ</translation>
    </message>
    <message>
        <source>(n = {n}: the batch mean)</source>
        <translation>（n = {n}：批内取均值）</translation>
    </message>
    <message>
        <source>dW from input 1</source>
        <translation>来自输入 1 的 dW</translation>
    </message>
    <message>
        <source>optimizer step t = {t}</source>
        <translation>优化器步数 t = {t}</translation>
    </message>
    <message>
        <source>the weights&apos; gradient includes the penalty l2·W + l1·sign(W) (l2 = {l2}, l1 = {l1})</source>
        <translation>权重的梯度包含正则化项 l2·W + l1·sign(W)（l2 = {l2}，l1 = {l1}）</translation>
    </message>
</context>
<context>
    <name>step_through_view</name>
    <message>
        <source>The training row the step is taken on (1 = the first row of the training split). Change it to see another sample&apos;s step.</source>
        <translation>这一步所用的训练样本（1 = 训练集的第一个样本）。改变它可查看另一个样本的一步。</translation>
    </message>
    <message>
        <source>How many rows, from the chosen one on, make the mini-batch: the gradients are their mean (1 = one sample, as in per-sample SGD).</source>
        <translation>从所选样本起，多少个样本组成小批量：梯度取它们的均值（1 = 单个样本，即逐样本 SGD）。</translation>
    </message>
    <message>
        <source>The unit whose numbers the formula plugs in (and, in a layer wider than {wide} units, the table shows).</source>
        <translation>公式代入其数值的神经元（在多于 {wide} 个神经元的层中，表格也只显示它）。</translation>
    </message>
    <message>
        <source>Apply this step</source>
        <translation>应用这一步</translation>
    </message>
    <message>
        <source>Give the network the new weights of this step (and the optimizer its state): what one training step on these rows does. Undo takes it back.</source>
        <translation>把这一步的新权重交给网络（并把状态交给优化器）：即在这些样本上训练一步的效果。撤销可收回。</translation>
    </message>
    <message>
        <source>Spreadsheet…</source>
        <translation>电子表格…</translation>
    </message>
    <message>
        <source>Save this step as an .xlsx of live formulas (inputs, weights, z, a, loss, deltas, gradients, new weights): change a weight in Excel or LibreOffice and the whole pass recomputes. Layers of up to 32 units.</source>
        <translation>把这一步保存为带实时公式的 .xlsx（输入、权重、z、a、损失、δ、梯度、新权重）：在 Excel 或 LibreOffice 中改动一个权重，整个过程随之重算。每层最多 32 个神经元。</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>rows in batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>No step to show: {error}</source>
        <translation>无法显示这一步：{error}</translation>
    </message>
    <message>
        <source>Step through</source>
        <translation>单步演示</translation>
    </message>
    <message>
        <source>Load data to step through a training step of the network on its rows.</source>
        <translation>载入数据后，可在其样本上单步演示网络的一次训练。</translation>
    </message>
    <message>
        <source>inputs as the network sees them (normalised: {method})</source>
        <translation>输入为网络所见的值（归一化：{method}）</translation>
    </message>
    <message>
        <source>inputs as in the data</source>
        <translation>输入与数据中相同</translation>
    </message>
    <message>
        <source>{n} rows of the training split</source>
        <translation>训练集中的 {n} 个样本</translation>
    </message>
    <message>
        <source>1 row of the training split</source>
        <translation>训练集中的 1 个样本</translation>
    </message>
    <message>
        <source>{inputs}; {rows}; the step is taken on a copy: the network changes only with “Apply this step”.</source>
        <translation>{inputs}；{rows}；这一步在副本上进行：只有点击“应用这一步”网络才会改变。</translation>
    </message>
    <message>
        <source>From epoch {epoch} of the timeline (its weights; the optimizer starts afresh: it was another one then); {note}</source>
        <translation>来自时间轴上的第 {epoch} 轮（当时的权重；优化器重新开始：那时用的是另一个优化器）；{note}</translation>
    </message>
    <message>
        <source>From epoch {epoch} of the timeline (its weights and the optimizer&apos;s state then); {note}</source>
        <translation>来自时间轴上的第 {epoch} 轮（当时的权重和优化器状态）；{note}</translation>
    </message>
</context>
<context>
    <name>step_trace</name>
    <message>
        <source>binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>squared error</source>
        <translation>平方误差</translation>
    </message>
    <message>
        <source>y_hat - y ({activation} + {loss})</source>
        <translation>y_hat - y（{activation} + {loss}）</translation>
    </message>
    <message>
        <source>chain rule: dL/dy_hat * f&apos;(z)</source>
        <translation>链式法则：dL/dy_hat * f&apos;(z)</translation>
    </message>
</context>
<context>
    <name>timeline_bar</name>
    <message>
        <source>This network has no timeline: no checkpoints of its weights were kept while it trained (a new or reset network, a timeline budget of 0 MB, or a model file saved without one).</source>
        <translation>该网络没有时间线：训练时没有保留权重的检查点（新建或重置的网络、时间线内存为 0 MB，或保存时不含时间线的模型文件）。</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>Replay the run from the epoch shown (from the first when at the newest)</source>
        <translation>从显示的那一轮回放运行（位于最新一轮时从头回放）</translation>
    </message>
    <message>
        <source>Checkpoints shown a second while playing</source>
        <translation>回放时每秒显示的检查点数</translation>
    </message>
    <message>
        <source>Newest ▶|</source>
        <translation>最新 ▶|</translation>
    </message>
    <message>
        <source>Follow the newest epoch again (End)</source>
        <translation>重新跟随最新一轮（End）</translation>
    </message>
    <message>
        <source>Branch here</source>
        <translation>从此分支</translation>
    </message>
    <message>
        <source>Go on from the epoch shown as a new run, with the settings you change next; the run so far is kept (Runs)</source>
        <translation>从显示的那一轮开始一次新的运行，使用你接下来修改的设置；目前的运行会保留（运行面板）</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>no timeline</source>
        <translation>没有时间线</translation>
    </message>
    <message>
        <source>{n} checkpoints</source>
        <translation>{n} 个检查点</translation>
    </message>
    <message>
        <source>{n} checkpoint</source>
        <translation>{n} 个检查点</translation>
    </message>
    <message>
        <source>newest: epoch {newest} · {count}</source>
        <translation>最新：第 {newest} 轮 · {count}</translation>
    </message>
    <message>
        <source>&lt;b&gt;showing epoch {epoch}&lt;/b&gt; of {newest} — newest: {newest} · {count}</source>
        <translation>&lt;b&gt;显示第 {epoch} 轮&lt;/b&gt;，共 {newest} 轮 — 最新：{newest} · {count}</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暂停</translation>
    </message>
</context>
<context>
    <name>timeline_controller</name>
    <message>
        <source>gradient norm per layer (last batch)</source>
        <translation>各层梯度范数（最后一批）</translation>
    </message>
    <message>
        <source>gradient norm per layer: no training data at this epoch</source>
        <translation>各层梯度范数：这一轮没有训练数据</translation>
    </message>
    <message>
        <source>{n} of {total} training rows (a fixed sample)</source>
        <translation>{total} 个训练样本中的 {n} 个（固定抽样）</translation>
    </message>
    <message>
        <source>all {total} training rows</source>
        <translation>全部 {total} 个训练样本</translation>
    </message>
    <message>
        <source>gradient norm per layer at the epoch shown ({rows})</source>
        <translation>显示轮次的各层梯度范数（{rows}）</translation>
    </message>
</context>
<context>
    <name>training_panel</name>
    <message>
        <source>{name}:</source>
        <translation>{name}：</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>auto (from the data)</source>
        <translation>自动（由数据决定）</translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation>损失函数：</translation>
    </message>
    <message>
        <source>Optimizer:</source>
        <translation>优化器：</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>Schedule:</source>
        <translation>学习率调度：</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <source>mini-batch</source>
        <translation>小批量</translation>
    </message>
    <message>
        <source>1 (per sample)</source>
        <translation>1（逐样本）</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>批：</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <source>patience</source>
        <translation>耐心</translation>
    </message>
    <message>
        <source>Early stop:</source>
        <translation>早停：</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>Regularisation and start</source>
        <translation>正则化与初始化</translation>
    </message>
    <message>
        <source>L1 penalty:</source>
        <translation>L1 惩罚：</translation>
    </message>
    <message>
        <source>Weight decay (L2):</source>
        <translation>权重衰减 (L2)：</translation>
    </message>
    <message>
        <source>Initialiser:</source>
        <translation>初始化方法：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Marked settings apply at the next run.</source>
        <translation>标记的设置在下次运行时生效。</translation>
    </message>
    <message>
        <source>Applies at the next run; this run uses {value}.</source>
        <translation>下次运行时生效；本次运行使用 {value}。</translation>
    </message>
    <message>
        <source>auto ({loss})</source>
        <translation>自动（{loss}）</translation>
    </message>
</context>
<context>
    <name>truth_table</name>
    <message>
        <source>✓ right</source>
        <translation>✓ 正确</translation>
    </message>
    <message>
        <source>✗ wrong</source>
        <translation>✗ 错误</translation>
    </message>
    <message>
        <source>An output counts as 1 from 0.5 up.</source>
        <translation>输出 ≥ 0.5 记为 1。</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>right?</source>
        <translation>正确？</translation>
    </message>
    <message>
        <source>{name}
target</source>
        <translation>{name}
目标</translation>
    </message>
    <message>
        <source>{name}
output</source>
        <translation>{name}
输出</translation>
    </message>
    <message>
        <source>{right} of {total} rows right. An output counts as 1 from 0.5 up.</source>
        <translation>{total} 行中 {right} 行正确。输出 ≥ 0.5 记为 1。</translation>
    </message>
</context>
<context>
    <name>try_it</name>
    <message>
        <source>Means</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>every input at its mean over the training rows</source>
        <translation>每个输入取训练集上的均值</translation>
    </message>
    <message>
        <source>Random sample</source>
        <translation>随机样本</translation>
    </message>
    <message>
        <source>the inputs of a sample of the data, picked at random</source>
        <translation>随机选取数据中一个样本的输入</translation>
    </message>
    <message>
        <source>no data: load data to try the network on</source>
        <translation>没有数据：载入数据后即可试一试网络</translation>
    </message>
    <message>
        <source>a sample chosen in another view</source>
        <translation>在另一个视图中选中的样本</translation>
    </message>
    <message>
        <source>a blank image</source>
        <translation>一张空白图像</translation>
    </message>
    <message>
        <source>inputs at the training means</source>
        <translation>输入取训练集均值</translation>
    </message>
    <message>
        <source>({n} missing, filled in)</source>
        <translation>（{n} 个缺失值，已填补）</translation>
    </message>
    <message>
        <source>your inputs</source>
        <translation>你的输入</translation>
    </message>
    <message>
        <source>your drawing</source>
        <translation>你的绘图</translation>
    </message>
    <message>
        <source>sample {k} of {n}: {label}</source>
        <translation>样本 {k} / {n}：{label}</translation>
    </message>
</context>
<context>
    <name>user_guide</name>
    <message>
        <source>User guide</source>
        <translation>用户指南</translation>
    </message>
    <message>
        <source>The guide could not be read ({error}).</source>
        <translation>无法读取用户指南（{error}）。</translation>
    </message>
    <message>
        <source>User guide – bpgui</source>
        <translation>用户指南 – bpgui</translation>
    </message>
</context>
<context>
    <name>weight_distribution</name>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>weights in bin</source>
        <translation>区间内的权重数</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>{weights} weights, {epochs} epochs shown</source>
        <translation>{weights} 个权重，显示 {epochs} 轮</translation>
    </message>
</context>
<context>
    <name>weight_heatmap</name>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>input neuron</source>
        <translation>输入神经元</translation>
    </message>
    <message>
        <source>output neuron</source>
        <translation>输出神经元</translation>
    </message>
    <message>
        <source>Click a cell to plot that weight over the run (Trajectories tab)</source>
        <translation>点击一个单元格，绘出该权重在运行中的变化（轨迹标签页）</translation>
    </message>
    <message>
        <source>layer {n}: {rows} × {columns}</source>
        <translation>第 {n} 层：{rows} × {columns}</translation>
    </message>
</context>
<context>
    <name>weight_history_tabs</name>
    <message>
        <source>The weights&apos; history is not recorded: the timeline&apos;s memory is 0 MB in the training settings. Give it some and train to record it.</source>
        <translation>未记录权重历史：训练设置中的时间线内存为 0 MB。请分配一些内存并训练以记录它。</translation>
    </message>
    <message>
        <source>Trajectories</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>分布</translation>
    </message>
</context>
<context>
    <name>weight_names</name>
    <message>
        <source>layer {n}: {source} → {target}</source>
        <translation>第 {n} 层：{source} → {target}</translation>
    </message>
</context>
<context>
    <name>weight_trajectories</name>
    <message>
        <source>Train to record the weights&apos; history.</source>
        <translation>训练后即可记录权重的历史。</translation>
    </message>
    <message>
        <source>Click an edge in the network or a cell of the Weights heatmap to plot that weight over the run.</source>
        <translation>点击网络中的一条连线或权重热力图中的一个单元格，绘出该权重在运行中的变化。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>remove one weight&apos;s curve</source>
        <translation>移除一个权重的曲线</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>remove every curve</source>
        <translation>移除所有曲线</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>layer {n}: {source} → {target}</source>
        <translation>第 {n} 层：{source} → {target}</translation>
    </message>
    <message>
        <source>{n} weights; click to add more</source>
        <translation>{n} 个权重；点击可再添加</translation>
    </message>
    <message>
        <source>1 weight; click to add more</source>
        <translation>1 个权重；点击可再添加</translation>
    </message>
</context>
<context>
    <name>window_layout</name>
    <message>
        <source>Output map</source>
        <translation>输出图</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Truth table</source>
        <translation>真值表</translation>
    </message>
    <message>
        <source>Hidden space</source>
        <translation>隐藏空间</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>试一试</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Paint</source>
        <translation>绘制数据</translation>
    </message>
    <message>
        <source>Step through</source>
        <translation>单步演示</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>图表</translation>
    </message>
</context>
</TS>
