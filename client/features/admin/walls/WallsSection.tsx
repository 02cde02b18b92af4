/** The walls tab of /admin: wall displays and presets. */
import { DisplaysBlock } from './DisplaysBlock';
import { PresetsBlock } from './PresetsBlock';
import '../admin-ops.css';

export function WallsSection() {
  return (
    <div className="admin-section" data-testid="admin-walls">
      <DisplaysBlock />
      <PresetsBlock />
    </div>
  );
}
