/** One of the wall's scenes, drawn from the scenes' data (live, or a replayed moment's). */
import { DepartmentsScene } from './DepartmentsScene';
import { FeedScene } from './FeedScene';
import { KpiScene } from './KpiScene';
import { MapScene } from './MapScene';
import { RankingScene } from './RankingScene';
import type { SceneData } from './scene-data';

export function Scene({ scene, data }: { scene: string; data: SceneData }) {
  switch (scene) {
    case 'map':
      return (
        <MapScene
          units={data.units}
          metrics={data.metrics}
          metric={data.metric}
          alerts={data.alerts}
          pulsing={data.pulsing}
          pulseCount={data.pulseCount}
          today={data.today}
        />
      );
    case 'ranking':
      return <RankingScene units={data.units} metrics={data.metrics} metric={data.metric} />;
    case 'feed':
      return <FeedScene alerts={data.alerts} today={data.today} newlyOverdue={data.newlyOverdue} anonymous={data.anonymous} />;
    case 'kpi':
      return <KpiScene scope={data.scope} scopeName={data.scopeName} metrics={data.metrics} trend={data.trend} period={data.period} />;
    case 'departments':
      return <DepartmentsScene units={data.units} departments={data.departments} metrics={data.metrics} metric={data.metric} />;
    default:
      return null;
  }
}
