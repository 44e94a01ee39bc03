/**
 * Every sentence of the report, in English and in the seed's Portuguese.
 * Sentences that state results are templates filled with computed numbers;
 * none states a result by itself.
 */
import type { LossForm, RunState } from "../run/types.ts";
import { anchor } from "./format.ts";

/** Report language. */
export type Lang = "en" | "pt";

/** A run's state as the report shows it; `missing`: no run directory, `unreadable`: its files are broken. */
export type ShownState = RunState | "missing" | "unreadable";

const EN = {
  title: "GAN experiments on MNIST",
  lrHeading: {
    grid: "Learning rates: the 3×3 grid",
    high: "Exaggerated learning rate",
    low: "Very small learning rate",
  },
  intro: (profile: string, purpose: string, steps: number, batch: number, every: number) =>
    `Every GAN below was trained on the MNIST training digits with the \`${profile}\` profile ` +
    `(${purpose}): ${steps} steps of batch ${batch}, one discriminator and one generator update a step, ` +
    `seed 0. Every ${every} steps the generator drew the same 64 fixed-noise vectors, so sample grids ` +
    `compare across runs and steps. Everything in this report is computed from the run directories ` +
    `under \`runs/\`; nothing is written by hand.`,
  reproduce: (profile: string) =>
    `Reproduce with \`deno task all --profile ${profile}\` (then \`deno task report --lang pt\` for the Portuguese version).`,
  backends: (list: string) => `Training backend(s): ${list}.`,
  problemsPointer: (n: number) =>
    `**${n} problem(s)** were found while reading the runs; see [Problems](#problems).`,
  summaryHeading: "All runs",
  summaryNote:
    "Final losses are means over the last 10% of steps. State: done, diverged (NaN/Inf) at a step, failed, running, or missing (not trained yet).",
  metricsHeading: "Quality metrics",
  metricsIntro: (n: string) =>
    `Computed by the evaluation stage on ${n} generated images per run with an MNIST classifier trained for the purpose: ` +
    `FID is the Fréchet distance between classifier features of generated and real test digits (lower is better); ` +
    `the classifier score is exp E[KL(p(y|x) ‖ p(y))], from 1 to 10 (higher: sharper and more varied); ` +
    `"confident" is the share of images classified with probability ≥ 0.9; classes covered counts digits with ≥ 1% of the images. ` +
    `Best first.`,
  noMetrics:
    "No run has a metrics.json yet: run `deno task eval` to add FID, classifier score and class coverage.",
  baseline: "real vs real (baseline)",
  classifierAccuracy: (acc: string, images: string, epochs: string) =>
    `The classifier reaches ${acc} accuracy on the 10,000 MNIST test digits (trained for ${epochs} epoch(s) on ${images} training images; cached per machine).`,
  col: {
    run: "run",
    generator: "generator",
    discriminator: "discriminator",
    optimizers: "optimizers (G / D)",
    loss: "loss",
    state: "state",
    finalD: "final D loss",
    finalG: "final G loss",
    wall: "wall time",
    throughput: "samples/s",
    backend: "backend",
    fid: "FID",
    score: "classifier score",
    confident: "confident",
    covered: "classes covered",
    n: "images",
    maxLoss: "max |loss|",
    spread: "sample spread",
  },
  state: (s: ShownState, step?: number, of?: number) =>
    ({
      done: "done",
      diverged: `diverged at step ${step ?? "?"}`,
      failed: "failed",
      running: `running (step ${step ?? 0} of ${of ?? "?"})`,
      missing: "missing",
      unreadable: "unreadable",
    })[s],
  lossForm: { logits: "BCE on logit", prob: "BCE on probability" } satisfies Record<
    LossForm,
    string
  >,
  architectures: "Architectures",
  params: (g: string, d: string) =>
    `Trainable parameters (PyTorch's count): generator ${g}, discriminator ${d}.`,
  sameArchitectures: (section: string) =>
    `Generator and discriminator as in [${section}](#${anchor(section)}).`,
  hyper: "Hyper-parameters",
  hyperLines: {
    gOpt: "Generator optimizer",
    dOpt: "Discriminator optimizer",
    loss: "Loss",
    steps: "Steps × batch",
    seed: "Seed",
    id: "Run directory",
  },
  randomImages: "Random images",
  randomImagesCaption: (step: number) =>
    `The 64 fixed-noise vectors through the generator at step ${step} (the last snapshot with finite values).`,
  interpolation: "Latent-space interpolation",
  interpolationCaption: (pairs: number) =>
    `${pairs} pair(s) of latent vectors, 10 steps from left to right; top: linear, bottom: spherical (slerp).`,
  progression: "Progression during training",
  progressionCaption:
    "Six of the fixed-noise vectors (rows) at evenly spaced snapshot steps (columns, left to right).",
  lossEvolution: "Loss evolution",
  lossCaption:
    "Thin lines: the loss at every step; thick lines: moving average. A red rule marks where the run diverged or its losses exploded.",
  classHistogram: "Digit classes",
  classHistogramCaption:
    "Generated images per digit class as the evaluation classifier labels them; the dashed rule is a uniform share.",
  observations: "Observations",
  notRendered: (what: string) => `${what}: not available (run \`deno task render\`).`,
  noSnapshot: "No finite fixed-noise snapshot: nothing to show.",
  noGenerator: "No final generator weights (the run did not finish): no interpolation.",
  repeated: (section: string) =>
    `Same run as in [${section}](#${anchor(section)}), shown there in full.`,
  compareHeading: "Side by side",
  lrGridIntro:
    "Both networks keep the base architectures and RMSprop; only the learning rates change. Rows: G learning rate, columns: D learning rate. Each cell shows 16 of the fixed-noise samples of its last snapshot, its state and final losses.",
  lrHighIntro: (rate: number) =>
    `The cells of the grid where either network's learning rate is ${rate}.`,
  lrLowIntro: (rate: number) =>
    `The cells of the grid where either network's learning rate is ${rate}.`,
  lrChart: "Loss curves of the whole grid",
  interpolationIntro: (seed: number) =>
    `The latent pairs come from a fixed seed (${seed}) and are the same for every generator, so strips compare. ` +
    `Linear interpolation passes through the low-density centre of the Gaussian (its midpoints have a smaller norm than typical samples); ` +
    `spherical interpolation (slerp) keeps the norm.`,
  interpolationBase: "Base generator",
  interpolationOthers: "Every other generator",
  linear: "linear",
  slerp: "slerp",
  problemsHeading: "Problems",
  problemsIntro: "These run files could not be read; the rest of the report is built without them.",
  notTrained: "Not trained yet.",
  unreadableRun: (message: string) => `This run could not be read: ${message}`,
  obs: {
    losses: (fd: string, fg: string, md: string, mg: string) =>
      `Final losses (mean of the last 10% of steps): D ${fd}, G ${fg}; mean over the run: D ${md}, G ${mg}.`,
    probabilities: (real: string, fake: string) =>
      `D's mean probability at the end: ${real} on real digits, ${fake} on generated ones.`,
    incomplete: (step: number, steps: number) =>
      `The run is incomplete: ${step} of ${steps} steps.`,
    diverged: (step: string, reason: string) =>
      `Training diverged at step ${step}${
        reason ? ` (${reason})` : ""
      }: the losses or weights became NaN/Inf.`,
    failed: (reason: string) => `Training failed${reason ? `: ${reason}` : ""}.`,
    exploded: (max: string, step: number, nonfinite: number) =>
      `The losses exploded: max |loss| ${max} at step ${step}` +
      (nonfinite > 0 ? `, and ${nonfinite} step(s) had a non-finite loss.` : `, without any NaN.`),
    moderate: (max: string) => `The losses stayed moderate (max |loss| ${max}).`,
    dDominates: (d: string, g0: string, g1: string) =>
      `D dominates: its loss ends near 0 (${d}) while G's grew from ${g0} to ${g1}; D tells generated images apart and G's gradient carries little.`,
    gDominates: (g: string, d: string) =>
      `G's loss ends near 0 (${g}) while D's is ${d}: D has stopped telling generated images apart.`,
    spread: (s: string, real: string, ratio: string) =>
      `Spread across the 64 fixed-noise samples (per-pixel standard deviation, averaged): ${s}, against ${real} for real test digits (${ratio}).`,
    collapse: (nearShare: string) =>
      `Signs of mode collapse: the samples barely differ from each other (${nearShare} of the pairs are near-identical).`,
    uniform: (grey: number) =>
      `The samples are close to one uniform image of grey level ${grey} (0 black, 255 white).`,
    nearIdentical: (share: string) => `${share} of the sample pairs are near-identical.`,
    noise: (ratio: string) =>
      `Neighbouring pixels differ ${ratio}× as much as in real digits: the samples look like noise rather than strokes.`,
    nonNegative: (min: string, grey: number) =>
      `No pixel of any sample is below 0 (minimum ${min}): the background can never be black, at best grey level ${grey} of 255.`,
    reluBeforeTanh:
      "That is the ReLU before Tanh in this generator: tanh(relu(x)) ≥ 0, so half of the [−1, 1] range is unreachable.",
    brightness: (mean: string, real: string) => `Mean pixel value ${mean} (real digits: ${real}).`,
    metrics: (fid: string, baseline: string, score: string, covered: string) =>
      `FID ${fid}${
        baseline ? ` (real vs real: ${baseline})` : ""
      }, classifier score ${score}, classes covered ${covered} of 10.`,
  },
};

/** The strings of one language. */
export type Text = typeof EN;

const PT: Text = {
  title: "Experimentos com GANs no MNIST",
  lrHeading: {
    grid: "Taxas de aprendizado: a grade 3×3",
    high: "Com learning rate exagerado",
    low: "Com learning rate muito pequeno",
  },
  intro: (profile, purpose, steps, batch, every) =>
    `Cada GAN abaixo foi treinada nos dígitos de treino do MNIST com o perfil \`${profile}\` ` +
    `(${purpose}): ${steps} passos com lote de ${batch}, uma atualização do discriminador e uma do gerador por passo, ` +
    `semente 0. A cada ${every} passos o gerador desenhou os mesmos 64 vetores de ruído fixos, de modo que as grades de amostras ` +
    `se comparam entre execuções e passos. Tudo neste relatório é calculado a partir dos diretórios das execuções ` +
    `em \`runs/\`; nada é escrito à mão.`,
  reproduce: (profile) =>
    `Para reproduzir: \`deno task all --profile ${profile}\` (e \`deno task report --lang pt\` para esta versão em português).`,
  backends: (list) => `Backend(s) de treino: ${list}.`,
  problemsPointer: (n) =>
    `**${n} problema(s)** foram encontrados ao ler as execuções; veja [Problemas](#problemas).`,
  summaryHeading: "Todas as execuções",
  summaryNote:
    "As perdas finais são médias sobre os últimos 10% dos passos. Estado: concluída, divergiu (NaN/Inf) num passo, falhou, em andamento, ou ausente (ainda não treinada).",
  metricsHeading: "Métricas de qualidade",
  metricsIntro: (n) =>
    `Calculadas pela etapa de avaliação sobre ${n} imagens geradas por execução, com um classificador de MNIST treinado para isso: ` +
    `o FID é a distância de Fréchet entre as características do classificador para dígitos gerados e reais de teste (menor é melhor); ` +
    `o escore do classificador é exp E[KL(p(y|x) ‖ p(y))], de 1 a 10 (maior: mais nítidas e variadas); ` +
    `"confiantes" é a fração de imagens classificadas com probabilidade ≥ 0,9; classes cobertas conta os dígitos com ≥ 1% das imagens. ` +
    `Melhores primeiro.`,
  noMetrics:
    "Nenhuma execução tem metrics.json ainda: rode `deno task eval` para acrescentar FID, escore do classificador e cobertura de classes.",
  baseline: "real contra real (referência)",
  classifierAccuracy: (acc, images, epochs) =>
    `O classificador acerta ${acc} dos 10.000 dígitos de teste do MNIST (treinado por ${epochs} época(s) com ${images} imagens de treino; guardado em cache por máquina).`,
  col: {
    run: "execução",
    generator: "gerador",
    discriminator: "discriminador",
    optimizers: "otimizadores (G / D)",
    loss: "perda",
    state: "estado",
    finalD: "perda final D",
    finalG: "perda final G",
    wall: "tempo",
    throughput: "amostras/s",
    backend: "backend",
    fid: "FID",
    score: "escore do classificador",
    confident: "confiantes",
    covered: "classes cobertas",
    n: "imagens",
    maxLoss: "máx |perda|",
    spread: "dispersão das amostras",
  },
  state: (s, step, of) =>
    ({
      done: "concluída",
      diverged: `divergiu no passo ${step ?? "?"}`,
      failed: "falhou",
      running: `em andamento (passo ${step ?? 0} de ${of ?? "?"})`,
      missing: "ausente",
      unreadable: "ilegível",
    })[s],
  lossForm: { logits: "BCE sobre o logit", prob: "BCE sobre a probabilidade" },
  architectures: "Arquiteturas",
  params: (g, d) =>
    `Parâmetros treináveis (contagem do PyTorch): gerador ${g}, discriminador ${d}.`,
  sameArchitectures: (section) =>
    `Gerador e discriminador como em [${section}](#${anchor(section)}).`,
  hyper: "Hiperparâmetros",
  hyperLines: {
    gOpt: "Otimizador do gerador",
    dOpt: "Otimizador do discriminador",
    loss: "Perda",
    steps: "Passos × lote",
    seed: "Semente",
    id: "Diretório da execução",
  },
  randomImages: "Imagens aleatórias",
  randomImagesCaption: (step) =>
    `Os 64 vetores de ruído fixos passados pelo gerador no passo ${step} (o último instantâneo com valores finitos).`,
  interpolation: "Interpolação do espaço latente",
  interpolationCaption: (pairs) =>
    `${pairs} par(es) de vetores latentes, 10 passos da esquerda para a direita; em cima: linear, embaixo: esférica (slerp).`,
  progression: "Evolução durante o treino",
  progressionCaption:
    "Seis dos vetores de ruído fixos (linhas) em passos de instantâneo igualmente espaçados (colunas, da esquerda para a direita).",
  lossEvolution: "Evolução da perda dos modelos",
  lossCaption:
    "Linhas finas: a perda em cada passo; linhas grossas: média móvel. Uma linha vermelha marca onde a execução divergiu ou as perdas explodiram.",
  classHistogram: "Classes de dígitos",
  classHistogramCaption:
    "Imagens geradas por classe de dígito segundo o classificador da avaliação; a linha tracejada é a fração uniforme.",
  observations: "Observações",
  notRendered: (what) => `${what}: não disponível (rode \`deno task render\`).`,
  noSnapshot: "Nenhum instantâneo finito do ruído fixo: nada a mostrar.",
  noGenerator: "Sem os pesos finais do gerador (a execução não terminou): sem interpolação.",
  repeated: (section) =>
    `Mesma execução que em [${section}](#${anchor(section)}), mostrada lá por completo.`,
  compareHeading: "Lado a lado",
  lrGridIntro:
    "As duas redes mantêm as arquiteturas base e o RMSprop; só as taxas de aprendizado mudam. Linhas: learning rate de G, colunas: learning rate de D. Cada célula mostra 16 das amostras do ruído fixo no último instantâneo, o estado e as perdas finais.",
  lrHighIntro: (rate) =>
    `As células da grade em que o learning rate de alguma das redes é ${rate}.`,
  lrLowIntro: (rate) => `As células da grade em que o learning rate de alguma das redes é ${rate}.`,
  lrChart: "Curvas de perda da grade inteira",
  interpolationIntro: (seed) =>
    `Os pares latentes vêm de uma semente fixa (${seed}) e são os mesmos para todos os geradores, de modo que as faixas se comparam. ` +
    `A interpolação linear passa pelo centro de baixa densidade da gaussiana (os pontos do meio têm norma menor que amostras típicas); ` +
    `a interpolação esférica (slerp) mantém a norma.`,
  interpolationBase: "Gerador base",
  interpolationOthers: "Todos os outros geradores",
  linear: "linear",
  slerp: "slerp",
  problemsHeading: "Problemas",
  problemsIntro:
    "Estes arquivos de execução não puderam ser lidos; o resto do relatório foi montado sem eles.",
  notTrained: "Ainda não treinada.",
  unreadableRun: (message) => `Esta execução não pôde ser lida: ${message}`,
  obs: {
    losses: (fd, fg, md, mg) =>
      `Perdas finais (média dos últimos 10% dos passos): D ${fd}, G ${fg}; média da execução: D ${md}, G ${mg}.`,
    probabilities: (real, fake) =>
      `Probabilidade média de D no fim: ${real} nos dígitos reais, ${fake} nos gerados.`,
    incomplete: (step, steps) => `A execução está incompleta: ${step} de ${steps} passos.`,
    diverged: (step, reason) =>
      `O treino divergiu no passo ${step}${
        reason ? ` (${reason})` : ""
      }: as perdas ou os pesos viraram NaN/Inf.`,
    failed: (reason) => `O treino falhou${reason ? `: ${reason}` : ""}.`,
    exploded: (max, step, nonfinite) =>
      `As perdas explodiram: máx |perda| ${max} no passo ${step}` +
      (nonfinite > 0 ? `, e ${nonfinite} passo(s) tiveram perda não finita.` : `, sem nenhum NaN.`),
    moderate: (max) => `As perdas ficaram moderadas (máx |perda| ${max}).`,
    dDominates: (d, g0, g1) =>
      `D domina: sua perda termina perto de 0 (${d}) enquanto a de G subiu de ${g0} para ${g1}; D distingue as imagens geradas e o gradiente de G carrega pouco.`,
    gDominates: (g, d) =>
      `A perda de G termina perto de 0 (${g}) enquanto a de D é ${d}: D deixou de distinguir as imagens geradas.`,
    spread: (s, real, ratio) =>
      `Dispersão entre as 64 amostras do ruído fixo (desvio padrão por pixel, em média): ${s}, contra ${real} para dígitos reais de teste (${ratio}).`,
    collapse: (nearShare) =>
      `Sinais de colapso de modo: as amostras quase não diferem entre si (${nearShare} dos pares são quase idênticos).`,
    uniform: (grey) =>
      `As amostras são quase uma imagem uniforme de nível de cinza ${grey} (0 preto, 255 branco).`,
    nearIdentical: (share) => `${share} dos pares de amostras são quase idênticos.`,
    noise: (ratio) =>
      `Pixels vizinhos diferem ${ratio}× mais que em dígitos reais: as amostras parecem ruído, não traços.`,
    nonNegative: (min, grey) =>
      `Nenhum pixel de nenhuma amostra fica abaixo de 0 (mínimo ${min}): o fundo nunca pode ser preto, no máximo nível de cinza ${grey} de 255.`,
    reluBeforeTanh:
      "É a ReLU antes da Tanh neste gerador: tanh(relu(x)) ≥ 0, então metade do intervalo [−1, 1] é inalcançável.",
    brightness: (mean, real) => `Valor médio dos pixels ${mean} (dígitos reais: ${real}).`,
    metrics: (fid, baseline, score, covered) =>
      `FID ${fid}${
        baseline ? ` (real contra real: ${baseline})` : ""
      }, escore do classificador ${score}, classes cobertas ${covered} de 10.`,
  },
};

/** The experiments' summaries in Portuguese, by experiment key (English: Experiment.summary). */
const PT_SUMMARIES: Record<string, string> = {
  "00_base":
    "O gerador e o discriminador base da tarefa, RMSprop com learning rate 0.001 para os dois.",
  "01_reduced_generator":
    "O gerador simplificado da tarefa (uma convolução transposta, ReLU antes da Tanh) contra o discriminador base; " +
    "e, como extra, o mesmo gerador sem a ReLU antes da Tanh.",
  "02_reduced_discriminator":
    "O discriminador simplificado da tarefa (uma convolução, 16 kernels) contra o gerador base.",
  "03_learning_rates":
    "A grade 3×3 completa de (lr de G, lr de D) em {0.1, 0.001, 0.00001}², RMSprop; a célula (0.001, 0.001) é a execução base, reaproveitada.",
  "04_adam":
    "As duas redes treinadas com Adam a lr 0.001 (padrões do PyTorch: betas 0.9/0.999, eps 1e-8); " +
    "e a configuração do artigo DCGAN (Adam lr 0.0002, beta1 0.5) como segunda execução.",
  "05_interpolation":
    "Interpolação linear e esférica (slerp), 10 passos por par, entre pares de vetores latentes do gerador base treinado, " +
    "e as mesmas faixas para o gerador de cada outro experimento, lado a lado.",
  "06_stability":
    "A configuração base treinada com entropia cruzada binária sobre a probabilidade sigmoide de D (a BCELoss do PyTorch, log limitado a −100) " +
    "contra a forma estável sobre o logit de D, mesma semente e orçamento.",
};

/** An experiment's summary in `lang`; the English one where no translation exists. */
export function summary(exp: { key: string; summary: string }, lang: Lang): string {
  return lang === "pt" ? PT_SUMMARIES[exp.key] ?? exp.summary : exp.summary;
}

/** The strings of `lang`. */
export function text(lang: Lang): Text {
  return lang === "pt" ? PT : EN;
}
